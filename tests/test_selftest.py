import subprocess
import sys

from plan_desktop import selftest


def test_selftest_passes_on_this_installation():
    proc = subprocess.run([sys.executable, "-m", "plan_desktop", "--selftest"], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("OK:") and "フォント埋め込み" in proc.stdout


def test_selftest_reports_a_damaged_bundled_plan(tmp_path, monkeypatch, capsys):
    broken = tmp_path / "plan.sqlite"
    broken.write_bytes(b"not a database" * 100)
    monkeypatch.setattr("plan_desktop.paths.template_db", lambda: broken)
    assert selftest.main() == 1
    assert capsys.readouterr().out.startswith("NG:")
