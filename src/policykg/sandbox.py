"""Confining the process that runs queries: no network connection, a memory cap.

pyoxigraph follows ``SERVICE`` to any URL and has no switch to turn that off, so the query workers
take the network away from themselves before they load the graph, whatever the query guard
(:mod:`policykg.guard`) decides:

1. a new, empty **network namespace** (``unshare(CLONE_NEWNET)``; as root, or through a new user
   namespace where the kernel lets unprivileged users make one): the process has no interface that is
   up, so every connect fails with "network is unreachable";
2. where that is not allowed, a **seccomp filter** (through the system's libseccomp, loaded with
   ctypes: the PyPI bindings either need the library's headers to build or are unmaintained wrappers
   of the same calls) that makes ``socket()`` fail for every address family but ``AF_UNIX``; the
   filter cannot be lifted by the process or its children.

Both are Linux only. Elsewhere (macOS, Windows) nothing confines the workers and the guard alone keeps
``SERVICE`` out; :func:`deny_network` says so and ``policykg serve`` prints it. The README tells such
users to block outbound traffic for the server with the platform's firewall.

The memory cap is ``RLIMIT_DATA`` (heap and private mappings, not the shared libraries): an allocation
past it fails, the worker ends, and the pool answers 503 and replaces it.
"""

import ctypes
import ctypes.util
import errno
import resource
import socket
import sys

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000
_SCMP_ACT_ALLOW = 0x7FFF0000
_SCMP_CMP_NE = 1


class _ArgumentComparison(ctypes.Structure):
    """libseccomp's ``struct scmp_arg_cmp``: argument index, operator and two operands."""

    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def deny_network() -> str | None:
    """Take the network away from this process and its children; return how, or None where nothing could.

    Call it before anything opens a socket of its own: connections the process already holds (the
    pipes to its parent are Unix sockets) keep working.
    """
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    if libc.unshare(_CLONE_NEWNET) == 0:
        return "network namespace"
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0:
        return "user and network namespace"
    if _seccomp_deny_sockets():
        return "seccomp filter"
    return None


def _seccomp_deny_sockets() -> bool:
    """Install a seccomp filter under which ``socket()`` fails with EACCES for any family but AF_UNIX."""
    name = ctypes.util.find_library("seccomp")
    if not name:
        return False
    lib = ctypes.CDLL(name)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(_ArgumentComparison)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_release.argtypes = [ctypes.c_void_p]
    context = lib.seccomp_init(_SCMP_ACT_ALLOW)
    if not context:
        return False
    try:
        not_unix = _ArgumentComparison(0, _SCMP_CMP_NE, socket.AF_UNIX, 0)
        deny = 0x00050000 | errno.EACCES  # SCMP_ACT_ERRNO(EACCES)
        syscall = lib.seccomp_syscall_resolve_name(b"socket")
        return lib.seccomp_rule_add_array(context, deny, syscall, 1, ctypes.byref(not_unix)) == 0 and lib.seccomp_load(context) == 0
    finally:
        lib.seccomp_release(context)


def cap_memory(limit_bytes: int) -> None:
    """Cap this process's data memory (heap and private mappings) at ``limit_bytes``."""
    resource.setrlimit(resource.RLIMIT_DATA, (limit_bytes, limit_bytes))
