"""Which deployed table each logical table key names, for the function that is running.

The function's environment names its tables (``CC_TABLE_<KEY>``, as the catalog decides), and
every table model resolves its physical name here when it connects (``storage.TableModel``).
The environment is read at that moment, not copied at cold start: in Lambda it is the
function's for the life of the process; on the local cloud, where functions share the
process and its modules, it is the environment of the invocation that makes the call, so one
function's configuration never leaks into another's.
"""

import os

from contactcenter.constants import Env


def physical(logical: str) -> str | None:
    """The deployed name of table ``logical``, if this function was given it."""
    return os.environ.get(Env.table(logical))
