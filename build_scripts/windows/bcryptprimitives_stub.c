/* A stand-in for Windows' bcryptprimitives.dll, for the Wine prefix that tests LAPDesk.
 *
 * Rust's standard library (in cryptography's _rust.pyd and grimp's _rustgrimp.pyd, both
 * dependencies of the tests) draws its random numbers from ProcessPrng, which Windows 10 and
 * later export from bcryptprimitives.dll and Wine 8 does not: without it those modules fail
 * to load ("DLL load failed ... Module not found").  Here ProcessPrng asks Wine's bcrypt for
 * the system's random numbers, as Windows' own does.  It goes into the prefix's system32,
 * never into the package.  Built by build_scripts/windows/prefix.py with gcc-mingw-w64-x86-64.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
