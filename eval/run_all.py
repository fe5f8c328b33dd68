"""Run every scorer in eval/ (each `python -m eval.score_<name>`) and print its table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for scorer in sorted(EVAL_DIR.glob("score_*.py")):
        module = f"eval.{scorer.stem}"
        print(f"\n== {module}", flush=True)
        if subprocess.run([sys.executable, "-m", module], cwd=EVAL_DIR.parent).returncode:
            failed.append(module)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
