"""The collector is paused for a one-answer command and switched back on after; the exit hook
is registered once per process however many commands ran (the test suite runs many)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jalin import gc_tuning


def test_one_answer_pauses_the_collector_and_restores_it(monkeypatch):
    registered: list[object] = []
    monkeypatch.setattr(gc_tuning, "_frozen_at_exit", False)
    monkeypatch.setattr(gc_tuning.atexit, "register", registered.append)
    assert gc.isenabled()
    for _ in range(3):
        with gc_tuning.one_answer():
            assert not gc.isenabled()
        assert gc.isenabled()
    assert registered == [gc.freeze]


def test_the_collector_comes_back_after_an_error():
    with pytest.raises(RuntimeError), gc_tuning.gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_paused_collector_stays_off_when_it_was_off():
    gc.disable()
    try:
        with gc_tuning.gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_exit_handlers_still_run_and_output_is_flushed():
    code = (
        "import atexit, sys\n"
        "from jalin.gc_tuning import one_answer\n"
        "atexit.register(lambda: print('handler ran'))\n"
        "with one_answer():\n"
        "    sys.stdout.write('answer')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout
    assert out == "answerhandler ran\n"
