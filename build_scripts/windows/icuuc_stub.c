/* A stand-in for Windows' icuuc.dll, for the Wine prefix that builds and tests LAPDesk.
 *
 * Qt >= 6.10's Qt6Core.dll imports twenty ucnv_* functions from the system's icuuc.dll, which
 * every Windows since 10 1703 has and Wine has only from 11.5: without it QtCore does not load
 * under an older Wine, and PyInstaller ships no Qt plugins.  Here every converter fails to
 * open (U_FILE_ACCESS_ERROR), so Qt falls back on its own UTF-8/UTF-16/Latin-1 codecs, all
 * LAPDesk uses.  It goes into the prefix's system32, never into the package: a real laptop
 * has the real one.  Built by build_scripts/windows/prefix.py with gcc-mingw-w64-x86-64.
 */
#include <stddef.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4

#define EXPORT __declspec(dllexport)

EXPORT void *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    if (err && *err <= 0)
        *err = U_FILE_ACCESS_ERROR;
    return NULL;
}

EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name; (void)standard;
    if (err && *err <= 0)
        *err = U_FILE_ACCESS_ERROR;
    return NULL;
}

/* No converter ever opens, so Qt never calls the rest; they exist for the loader. */
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT int ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return NULL; }
EXPORT void ucnv_getToUCallBack(const void *cnv, void **action, const void **context) { (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_getFromUCallBack(const void *cnv, void **action, const void **context) { (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_setToUCallBack(void *cnv, void *n, const void *c, void **o, const void **oc, UErrorCode *err) { (void)cnv; (void)n; (void)c; (void)o; (void)oc; (void)err; }
EXPORT void ucnv_setFromUCallBack(void *cnv, void *n, const void *c, void **o, const void **oc, UErrorCode *err) { (void)cnv; (void)n; (void)c; (void)o; (void)oc; (void)err; }
EXPORT void ucnv_toUnicode(void *cnv, void **t, const void *tl, const char **s, const char *sl, int *off, int flush, UErrorCode *err) { (void)cnv; (void)t; (void)tl; (void)s; (void)sl; (void)off; (void)flush; if (err) *err = U_FILE_ACCESS_ERROR; }
EXPORT void ucnv_fromUnicode(void *cnv, char **t, const char *tl, const void **s, const void *sl, int *off, int flush, UErrorCode *err) { (void)cnv; (void)t; (void)tl; (void)s; (void)sl; (void)off; (void)flush; if (err) *err = U_FILE_ACCESS_ERROR; }
EXPORT int ucnv_toUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT int ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT void ucnv_cbToUWriteUChars(void *args, const void *s, int len, int off, UErrorCode *err) { (void)args; (void)s; (void)len; (void)off; (void)err; }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const void **s, const void *sl, int off, UErrorCode *err) { (void)args; (void)s; (void)sl; (void)off; (void)err; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
