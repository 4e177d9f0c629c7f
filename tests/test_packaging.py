"""The container's recipe, checked without a container engine: the wheel, installed (not
editable) into a fresh venv and run from another folder with the settings deploy/Dockerfile
gives (REGIONBOT_KNOWLEDGE, REGIONBOT_PROMPTS, REGIONBOT_DB), answers a question and serves
/health with the counts. Offline: built without build isolation, installed with --no-deps, and
the dependencies are those of this test's own venv (a .pth file), not downloaded."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.slack.slack_double import SlackDouble

pytestmark = pytest.mark.packaging  # about 10 s: one build, one venv, two runs


def _run(args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=60, **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv holding only the built wheel; the bin folder of its `regionbot`."""
    tmp = tmp_path_factory.mktemp("wheel")
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(tmp / "dist"), str(ROOT)],
        cwd=tmp,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (tmp / "dist").glob("regionbot-*.whl")
    venv = tmp / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        ).stdout.strip()
    )
    install = _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps"]
        + ["--no-index", str(wheel)]
    )
    assert install.returncode == 0, install.stderr[-3000:]
    # The dependencies, from this venv, behind the wheel's own files; not this checkout's `bot`.
    (site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


@pytest.fixture
def app_folder(tmp_path) -> dict:
    """What the image holds: /app/knowledge, /app/prompts and a /data volume, elsewhere."""
    app = tmp_path / "app"
    shutil.copytree(ROOT / "knowledge", app / "knowledge")
    shutil.copytree(ROOT / "prompts", app / "prompts")
    (tmp_path / "data").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "REGIONBOT_DB": str(tmp_path / "data" / "regionbot.db"),
        "REGIONBOT_KNOWLEDGE": str(app / "knowledge"),
        "REGIONBOT_PROMPTS": str(app / "prompts"),
        "REGIONBOT_NOW": "2021-04-20",
    }
    return {"env": env, "cwd": elsewhere}


def test_the_installed_package_is_the_wheel_not_this_checkout(installed, app_folder):
    where = _run([str(installed / "python"), "-c", "import bot; print(bot.__file__)"], **app_folder)
    assert where.returncode == 0, where.stderr
    assert str(ROOT / "bot") not in where.stdout
    assert "site-packages" in where.stdout


def test_the_installed_regionbot_answers(installed, app_folder):
    result = _run(
        [str(installed / "regionbot"), "ask", "hvem har ansvar for jernbaneforum?"], **app_folder
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Administrasjonen" in result.stdout
    assert Path(app_folder["env"]["REGIONBOT_DB"]).exists()


def test_the_installed_server_reports_its_counts(installed, app_folder):
    double = SlackDouble().start()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **app_folder["env"],
        "SLACK_BOT_TOKEN": "xoxb-wheel",
        "SLACK_SIGNING_SECRET": "wheel-secret",
        "SLACK_API_URL": double.api_url,
    }
    server = subprocess.Popen(
        [str(installed / "regionbot"), "serve", "--port", str(port)],
        env=env,
        cwd=app_folder["cwd"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        health = None
        deadline = time.monotonic() + 30
        while health is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    health = json.loads(r.read())
            except OSError:
                time.sleep(0.2)
        assert health is not None, server.stderr.read() if server.poll() is not None else ""
        assert health["status"] == "ok"
        assert health["documents"] >= 5 and health["measures"] > 100
    finally:
        server.terminate()
        server.wait(timeout=30)
        double.stop()
