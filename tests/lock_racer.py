"""One contender in a race for a store's writer lock: ``python tests/lock_racer.py STORE NAME
START [HOLD_S]``.

Busy-waits until the wall-clock time START so that all contenders try at the same instant,
then prints ``won`` (and holds the lock HOLD_S seconds, 1.5 by default) or ``refused``.
Used by ``tests/test_lock.py`` and ``bench/bench_reliability.py``.
"""

import sys
import time
from pathlib import Path

from lapdesk.core.errors import StoreLockedError
from lapdesk.store.lock import WriterLock

if __name__ == "__main__":
    lock = WriterLock(Path(sys.argv[1]), user=sys.argv[2])
    while time.time() < float(sys.argv[3]):
        pass
    try:
        lock.acquire()
    except StoreLockedError:
        print("refused")
    else:
        print("won")
        time.sleep(float(sys.argv[4]) if len(sys.argv) > 4 else 1.5)
        lock.release()
