"""One writer per file: a second instance is told who has it open; dead holders don't block."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from plan_desktop.storage import lock as lk

HOLDER = """
import sys, time
from plan_desktop.storage.lock import InstanceLock
InstanceLock(sys.argv[1], heartbeat_seconds=None).acquire()
print("locked", flush=True)
time.sleep(60)
"""


@pytest.fixture
def holder(tmp_path):
    """Another process holding the lock on tmp_path/plan.sqlite."""
    db = tmp_path / "plan.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True, encoding="utf-8")
    assert proc.stdout.readline().strip() == "locked"
    yield db, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def _write_lock(db, **fields):
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    doc = {"host": socket.gethostname(), "user": "someone", "pid": 1, "since": now, "heartbeat": now, "token": "x"}
    doc.update(fields)
    lk.lock_path(db).write_text(json.dumps(doc), encoding="utf-8")


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_lock_file_names_host_user_pid_and_time(tmp_path):
    db = tmp_path / "plan.sqlite"
    with lk.InstanceLock(db, heartbeat_seconds=None) as held:
        owner = lk.read_owner(db)
        assert owner == held.owner
        assert (owner.host, owner.pid) == (socket.gethostname(), os.getpid())
        assert dt.datetime.fromisoformat(owner.since).tzinfo is not None
        assert lk.lock_path(db) == tmp_path / "plan.sqlite.lock"
    assert not lk.lock_path(db).exists()


def test_second_instance_in_the_same_process_is_refused(tmp_path):
    db = tmp_path / "plan.sqlite"
    first = lk.InstanceLock(db, heartbeat_seconds=None).acquire()
    with pytest.raises(lk.AlreadyOpenError) as err:
        lk.InstanceLock(db, heartbeat_seconds=None).acquire()
    assert err.value.owner.pid == os.getpid()
    assert "既に使用中" in str(err.value) and str(os.getpid()) in str(err.value)
    first.release()
    lk.InstanceLock(db, heartbeat_seconds=None).acquire().release()


def test_another_running_process_is_detected_and_named(holder):
    db, proc = holder
    with pytest.raises(lk.AlreadyOpenError) as err:
        lk.InstanceLock(db, heartbeat_seconds=None).acquire()
    assert err.value.owner.pid == proc.pid
    assert err.value.owner.host == socket.gethostname()
    # Even force never takes a lock whose holder is alive.
    with pytest.raises(lk.AlreadyOpenError):
        lk.InstanceLock(db, heartbeat_seconds=None).acquire(force=True)


def test_lock_of_a_killed_process_is_stale_and_taken_over(holder):
    db, proc = holder
    proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up either way
    proc.wait()
    assert lk.read_owner(db).pid == proc.pid  # the file is still there...
    with lk.InstanceLock(db, heartbeat_seconds=None) as mine:  # ...but does not block
        assert lk.read_owner(db).pid == os.getpid() == mine.owner.pid


@pytest.fixture
def no_os_locks(monkeypatch):
    """A share where OS locks are unavailable: the content alone decides."""
    monkeypatch.setattr(lk, "_try_os_lock", lambda fd: None)


def test_without_os_locks_a_dead_pid_on_this_host_is_stale(tmp_path, no_os_locks):
    db = tmp_path / "plan.sqlite"
    _write_lock(db, pid=_dead_pid())
    with lk.InstanceLock(db, heartbeat_seconds=None):
        assert lk.read_owner(db).pid == os.getpid()


def test_without_os_locks_a_live_pid_on_this_host_blocks(tmp_path, no_os_locks):
    db = tmp_path / "plan.sqlite"
    _write_lock(db, pid=os.getppid())
    with pytest.raises(lk.AlreadyOpenError) as err:
        lk.InstanceLock(db, heartbeat_seconds=None).acquire()
    assert err.value.owner.pid == os.getppid()


def test_without_os_locks_another_hosts_lock_blocks_until_its_heartbeat_stops(tmp_path, no_os_locks):
    db = tmp_path / "plan.sqlite"
    _write_lock(db, host="other-pc", pid=123)
    with pytest.raises(lk.AlreadyOpenError) as err:
        lk.InstanceLock(db, heartbeat_seconds=None).acquire()
    assert "other-pc" in str(err.value)
    old = (dt.datetime.now(dt.UTC) - lk.STALE_AFTER - dt.timedelta(minutes=1)).isoformat()
    _write_lock(db, host="other-pc", pid=123, heartbeat=old)
    with lk.InstanceLock(db, heartbeat_seconds=None):
        assert lk.read_owner(db).host == socket.gethostname()


def test_force_takes_over_a_lock_from_another_host(tmp_path, no_os_locks):
    db = tmp_path / "plan.sqlite"
    _write_lock(db, host="other-pc", pid=123)
    with lk.InstanceLock(db, heartbeat_seconds=None).acquire(force=True) as held:
        assert held.held


def test_garbage_lock_content_does_not_block(tmp_path):
    db = tmp_path / "plan.sqlite"
    lk.lock_path(db).write_bytes(b"{half written")
    with lk.InstanceLock(db, heartbeat_seconds=None):
        assert lk.read_owner(db).pid == os.getpid()


def test_heartbeat_is_refreshed_while_held(tmp_path):
    db = tmp_path / "plan.sqlite"
    held = lk.InstanceLock(db, heartbeat_seconds=0.05).acquire()
    try:
        stamp = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat()
        with held._mutex:
            held.owner = lk.LockOwner(**{**held.owner.__dict__, "heartbeat": stamp})
            held._write(held.owner)
        assert lk.read_owner(db).heartbeat == stamp
        deadline = time.monotonic() + 120  # only against a hang: the loop ends at the first refresh
        while lk.read_owner(db).heartbeat == stamp and time.monotonic() < deadline:
            time.sleep(0.02)
        assert lk.read_owner(db).heartbeat_age() < dt.timedelta(minutes=1)
    finally:
        held.release()
    assert not lk.lock_path(db).exists()


def test_release_does_not_remove_someone_elses_lock_file(tmp_path):
    db = tmp_path / "plan.sqlite"
    held = lk.InstanceLock(db, heartbeat_seconds=None).acquire()
    os.unlink(lk.lock_path(db))  # e.g. removed by hand...
    _write_lock(db, pid=4242)  # ...and another instance made its own
    held.release()
    assert lk.read_owner(db).pid == 4242


def test_unwritable_folder_is_a_clear_error(tmp_path):
    with pytest.raises(lk.LockUnavailableError, match="作成できません"):
        lk.InstanceLock(tmp_path / "missing-folder" / "plan.sqlite", heartbeat_seconds=None).acquire()


def test_pid_alive():
    assert lk.pid_alive(os.getpid())
    assert not lk.pid_alive(_dead_pid())


def test_a_reader_never_sees_the_lock_file_empty_while_the_heartbeat_is_rewritten(tmp_path):
    db = tmp_path / "plan.sqlite"
    held = lk.InstanceLock(db, heartbeat_seconds=None).acquire()
    stop = threading.Event()

    def rewrite() -> None:
        while not stop.is_set():
            held.refresh()

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        seen = [lk.read_owner(db) for _ in range(2000)]
    finally:
        stop.set()
        writer.join()
        held.release()
    assert all(owner is not None and owner.pid == os.getpid() for owner in seen)


def test_the_lock_names_this_computer_as_socket_gethostname_does_and_a_fresh_token_each_time(tmp_path):
    db = tmp_path / "plan.sqlite"
    db.write_bytes(b"")
    first = lk.InstanceLock(db, heartbeat_seconds=None).acquire()
    try:
        assert first.owner.host == socket.gethostname()
        assert first.owner.on_this_host
        token = first.owner.token
        assert len(token) == 32 and int(token, 16) >= 0
    finally:
        first.release()
    second = lk.InstanceLock(db, heartbeat_seconds=None).acquire()
    try:
        assert second.owner.token != token
    finally:
        second.release()
