"""Issue 13, "done when": every shell block of README.md runs, as written, against the bundled
samples and exits 0 with some output.

The rule for what runs is the fence, nothing else: a block fenced ```sh (or bash, shell) runs;
a block fenced ```sh no-run is skipped -- the README uses it for what needs the network
(URLs, feeds, `gazetteer download`), changes the user's gazetteer (`gazetteer import`),
installs things and runs this suite (`scripts/demo.sh`, `scripts/test.sh`) or starts a
server that does not exit (`serve`; the web app has its own tests in tests/web).  New blocks
are covered the day they are added.

The blocks run in README order, each as one bash script with ``set -e`` (so comments, quotes,
`>`, `echo` and `export` work, and the first failing line fails the block), in one temporary folder that holds what the README's first example
names: `articles/` (half the bundled samples as saved text pages) and `export.jsonl` (the
other half, with their metadata).  The database is the default ./conflictlens.db there.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
FENCE = re.compile(r"^```(\w*)([^\n]*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
SHELLS = {"sh", "bash", "shell"}
BLOCK_TIMEOUT_S = 1200


def shell_blocks(text: str) -> list[tuple[int, list[str]]]:
    """(line number, commands) of every block to run."""
    blocks = []
    for m in FENCE.finditer(text):
        lang, rest, body = m.group(1), m.group(2).split(), m.group(3)
        if lang not in SHELLS or "no-run" in rest:
            continue
        commands = [c for c in body.replace("\\\n", " ").splitlines() if c.strip() and not c.strip().startswith("#")]
        blocks.append((text.count("\n", 0, m.start()) + 1, commands))
    return blocks


def test_the_fence_rule():
    text = "```sh\na 1\n\n# note\nb \\\n  2\n```\n```sh no-run\nc\n```\n```python\nd\n```\n```bash\ne\n```\n"
    assert shell_blocks(text) == [(1, ["a 1", "b    2"]), (14, ["e"])]


def _workdir(tmp_path: Path) -> Path:
    samples = [json.loads(line) for line in resources.files("conflictlens.data").joinpath(
        "samples").joinpath("sample_articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    half = len(samples) // 2
    (tmp_path / "articles").mkdir()
    for i, s in enumerate(samples[:half]):  # a saved page: the title heading, then the text
        (tmp_path / "articles" / f"page{i}.txt").write_text(f"{s['title']}\n\n{s['text']}\n", encoding="utf-8")
    (tmp_path / "export.jsonl").write_text("".join(json.dumps(s) + "\n" for s in samples[half:]), encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_readme_shell_blocks_run(tmp_path):
    blocks = shell_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 4
    cwd = _workdir(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICTLENS_")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["COLUMNS"] = "100"
    assert shutil.which("conflictlens", path=env["PATH"]), "the conflictlens command is not installed"
    for line_no, commands in blocks:  # a block is one script (an `export` carries to the next line)
        script = "set -e -x\n" + "\n".join(commands) + "\n"  # -x: stderr shows the command that failed
        done = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=BLOCK_TIMEOUT_S)
        assert done.returncode == 0, f"README.md:{line_no}: exited {done.returncode}:\n{done.stderr[-3000:]}"
        assert "Traceback" not in done.stderr, f"README.md:{line_no}:\n{done.stderr[-3000:]}"
        printed = done.stdout + "\n".join(x for x in done.stderr.splitlines() if not x.startswith("+"))
        assert printed.strip(), f"README.md:{line_no}: the block printed nothing"
