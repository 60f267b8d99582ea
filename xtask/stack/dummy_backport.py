"""Copy the dummy agent backend (fake containers) from the backend.ai-agent 24.3.10 wheel into a
23.09.10 venv, adapted to Python 3.11. The 23.9.x wheels on PyPI lack the `dummy` subpackage.

usage: python dummy_backport.py WHEEL_DIR SITE_PACKAGES MARKER
"""
import glob
import pathlib
import re
import sys
import zipfile

wheels, site, marker = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
wheel = glob.glob(f"{wheels}/backend.ai_agent-24.3.10-*.whl")[0]
dest = site / "ai/backend/agent/dummy"
dest.mkdir(parents=True, exist_ok=True)
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if not (name.startswith("ai/backend/agent/dummy/") and name.endswith(".py")):
            continue
        src = z.read(name).decode()
        if re.search(r"\boverride\b", src):
            # typing.override is new in 3.12: import it from typing_extensions instead
            src = re.sub(r"^(from typing import [^\n(]*?),\s*override\b", r"\1", src, flags=re.M)
            src = re.sub(r"^(\s+)override,\n", "", src, flags=re.M)
            m = re.search(r"^from __future__ import [^\n]*\n", src, re.M)
            at = m.end() if m else 0
            src = src[:at] + "from typing_extensions import override\n" + src[at:]
        # 24.3 added a `timeout` keyword to pull_image that 23.09 never passes
        src = src.replace("timeout: float | None,\n", "timeout: float | None = None,\n")
        # the manager's app proxy needs a start_service result (the dummy returns None)
        src = re.sub(
            r"(async def start_service\(self, service, opts\):\n(?:        .*\n)*?        await asyncio\.sleep\(delay\)\n)",
            r'\1        return {"status": "started"}\n',
            src,
        )
        # The dummy answers every execute with "not-implemented" and no runId. A batch
        # session's startup command is run by the agent's execute_batch loop, which only ends
        # on "finished" (it spun forever with the event loop blocked, and the agent was marked
        # LOST); the manager's query-mode handler reads result["runId"] (KeyError, HTTP 500,
        # so `run` on the dummy agent could not work). Finish every run at once: exit code 0,
        # no output, the run id echoed back as the real kernel runner does.
        src = src.replace(
            '        return {"status": "not-implemented"}\n',
            '        return {"status": "finished", "runId": run_id, "exitCode": 0,\n'
            '                "console": [], "options": {}, "files": []}\n',
        )
        (dest / pathlib.Path(name).name).write_text(src)
(dest / marker).write_text("")
