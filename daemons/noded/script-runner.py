# The node daemon's script runner (daemons/noded/backend/script-runner.ts starts one per noded
# worker, on the first OS script it runs): a small long-lived process that starts the OS
# scripts for the worker. Why a separate process: Node's spawn() forks the whole ~90 MB worker
# and blocks its event loop until the child has exec'd (5-9 ms per script, during which the
# node answers nothing else); this process is small, and Python's subprocess starts children
# with vfork/posix_spawn where it can, so a start costs the worker only a line on a pipe.
#
# What a run is, as os-script.ts's runScript does it in-process: argv only (no shell), the
# given environment and working directory, its own session (so a timeout can kill the script
# and its children as a group), stdin from /dev/null, stdout and stderr together into one pipe,
# appended to a log file when one is named and kept (the last MAX_KEPT bytes) for the answer.
# Timeouts and cancellation stay with the worker, which asks for a signal to a run's group.
#
# Protocol: one JSON object a line, both ways, UTF-8.
#   worker -> runner: {"id": N, "run": {"file": F, "args": [..], "cwd": D, "env": {..}, "log": L|null}}
#                     {"id": N, "signal": "SIGTERM"|"SIGKILL"}   (to the run's process group)
#   runner -> worker: {"ready": true}                            (once, first: nothing read before it)
#                     {"id": N, "pid": P}                        (started)
#                     {"id": N, "error": "..."}                  (could not start; nothing runs)
#                     {"id": N, "code": C|null, "signal": S|null, "output": BASE64}   (ended, output closed)
#                     {"id": null, "error": "..."}               (a line it could not understand)
# When its input ends (the worker is gone) it exits at once; scripts still running are left,
# as a worker that dies leaves its own children, to the next daemon's start-up cleanup
# (daemons/noded/orphans.ts; a worker that retires or stops waits for its calls first).
import base64
import json
import os
import selectors
import signal
import subprocess
import sys

MAX_KEPT = 64 * 1024
SIGNALS = {"SIGTERM": signal.SIGTERM, "SIGKILL": signal.SIGKILL}

sel = selectors.DefaultSelector()
runs = {}  # id -> Run
out = sys.stdout.buffer


def send(msg):
    out.write(json.dumps(msg, separators=(",", ":")).encode("utf-8") + b"\n")
    out.flush()


class Run:
    def __init__(self, rid, proc, log_fd):
        self.id = rid
        self.proc = proc
        self.log_fd = log_fd
        self.kept = []
        self.kept_bytes = 0
        self.status = None  # waitpid's status once reaped
        self.eof = False
        self.pidfd = os.pidfd_open(proc.pid)
        self.out_fd = proc.stdout.fileno()
        os.set_blocking(self.out_fd, False)
        sel.register(self.out_fd, selectors.EVENT_READ, ("out", self))
        sel.register(self.pidfd, selectors.EVENT_READ, ("exit", self))

    def on_output(self):
        try:
            chunk = os.read(self.out_fd, 65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self.eof = True
            sel.unregister(self.out_fd)
            self.proc.stdout.close()
            self.maybe_done()
            return
        if self.log_fd is not None:
            try:
                os.write(self.log_fd, chunk)
            except OSError:
                pass  # as a failed log stream write in-process: the run goes on
        self.kept.append(chunk)
        self.kept_bytes += len(chunk)
        if self.kept_bytes > 2 * MAX_KEPT:
            joined = b"".join(self.kept)[-MAX_KEPT:]
            self.kept = [joined]
            self.kept_bytes = len(joined)

    def on_exit(self):
        sel.unregister(self.pidfd)
        os.close(self.pidfd)
        self.pidfd = None
        self.status = self.proc.wait()
        self.maybe_done()

    def maybe_done(self):
        if not self.eof or self.status is None:
            return
        del runs[self.id]
        if self.log_fd is not None:
            os.close(self.log_fd)
        rc = self.status
        code, sig = (rc, None) if rc >= 0 else (None, signal.Signals(-rc).name)
        send({"id": self.id, "code": code, "signal": sig,
              "output": base64.b64encode(b"".join(self.kept)[-MAX_KEPT:]).decode("ascii")})

    def kill(self, signum):
        try:
            os.killpg(self.proc.pid, signum)
        except OSError:
            pass  # already gone


def start(rid, spec):
    log_fd = None
    if spec.get("log"):
        try:
            log_fd = os.open(spec["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o640)
        except OSError as e:
            send({"id": rid, "error": "cannot open the log file %s: %s" % (spec["log"], e.strerror)})
            return
    try:
        proc = subprocess.Popen([spec["file"]] + list(spec.get("args") or []), executable=spec["file"],
                                cwd=spec["cwd"], env=spec["env"], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                                close_fds=True, restore_signals=True)
    except OSError as e:
        if log_fd is not None:
            os.close(log_fd)
        send({"id": rid, "error": "%s (%s)" % (e.strerror or str(e), "errno %d" % e.errno if e.errno else "no errno")})
        return
    runs[rid] = Run(rid, proc, log_fd)
    send({"id": rid, "pid": proc.pid})


def on_line(line):
    try:
        msg = json.loads(line)
        rid = msg["id"]
        if not isinstance(rid, int):
            raise ValueError("id must be an integer")
        if "run" in msg:
            spec = msg["run"]
            if (not isinstance(spec.get("file"), str) or not isinstance(spec.get("cwd"), str)
                    or not isinstance(spec.get("env"), dict) or not isinstance(spec.get("args", []), list)):
                raise ValueError("run needs file, cwd (strings), env (an object) and args (a list)")
            if rid in runs:
                raise ValueError("id %d is already running" % rid)
            start(rid, spec)
        elif "signal" in msg:
            signum = SIGNALS.get(msg["signal"])
            if signum is None:
                raise ValueError("unknown signal %r (allowed: %s)" % (msg["signal"], ", ".join(SIGNALS)))
            run = runs.get(rid)
            if run is not None:
                run.kill(signum)
        else:
            raise ValueError("neither run nor signal")
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        send({"id": None, "error": "bad request %s: %s" % (line[:200].decode("utf-8", "replace"), e)})


def main():
    if not hasattr(os, "pidfd_open"):
        sys.exit("script-runner: this Python has no os.pidfd_open (needs Python 3.9 and Linux 5.3)")
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a ^C to the daemon's terminal is the worker's to handle
    stdin = sys.stdin.buffer.fileno()
    os.set_blocking(stdin, False)
    sel.register(stdin, selectors.EVENT_READ, ("in", None))
    pending = b""
    send({"ready": True})
    while True:
        for key, _ in sel.select():
            kind, run = key.data
            if kind == "out":
                run.on_output()
            elif kind == "exit":
                run.on_exit()
            else:
                try:
                    data = os.read(stdin, 65536)
                except BlockingIOError:
                    continue
                if not data:
                    return
                pending += data
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    if line.strip():
                        on_line(line)


if __name__ == "__main__":
    main()
