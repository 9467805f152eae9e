"""Keep the loaded dataset (read, validated, indexed) between the rebuilds of one `make serve`, keyed by the
contents of every file it is made from: a rebuild after an edit to a page or a template skips loading, and
any edit to data/ or state/ (or a page added or removed under docs/) loads afresh. Also keeps what is derived
from the dataset alone (the exports) under the same key, and the compiled theme templates (`THEME_TEMPLATES`).

In a one-off `make build` (macros/hooks.py says so in `REUSE_DATASET_ENV`) nothing is reused, so no key is
computed: hashing every input first cost 0.45 s at 10 000 resources, before loading could start.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from macros.dataset import DOCS_DIR, Dataset, load_dataset
from macros.hooks import REUSE_DATASET_ENV

T = TypeVar("T")

# What the dataset is made from: every file under these folders, by contents (docs/ too: the validator checks
# the TeX of its pages and that every topic and case has one).
CONTENT_DIRS = ("data", "state", "coding", DOCS_DIR)

_cache: dict[str, Any] = {}
_key: str | None = None


def fingerprint(root: Path, validate: bool = True) -> str:
    """A digest of every input of `load_dataset(root)`: the files under data/, state/, coding/ and docs/."""
    return folders_digest(root, CONTENT_DIRS, b"validate" if validate else b"skip-validation")


def folders_digest(root: Path, folders: Iterable[str], salt: bytes = b"") -> str:
    """A digest of the names and bytes of every file under `folders` of `root` (caches of Python bytecode aside). A
    symbolic link counts by its target's name and is never read (the loader refuses it anyway)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(salt)
    for folder in folders:
        base = root / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            name = b"\0" + path.relative_to(root).as_posix().encode() + b"\0"
            if path.is_symlink():
                digest.update(name + b"link:" + str(path.readlink()).encode())
            elif path.is_file() and "__pycache__" not in path.parts:
                digest.update(name + path.read_bytes())
    return digest.hexdigest()


def load_dataset_cached(root: Path | str, *, validate: bool = True) -> Dataset:
    """`load_dataset(root, validate=…)`, reused while no input changed. A dataset with problems raises
    DatasetError as `load_dataset` does and is never kept."""
    global _key
    root = Path(root)
    reuse = os.environ.get(REUSE_DATASET_ENV) != "0"  # "0": a one-off build, which keeps nothing from before
    key = f"{root.resolve()}:{fingerprint(root, validate)}" if reuse else None
    if not reuse or key != _key or "dataset" not in _cache:
        _cache.clear()
        _key = None
        _cache["dataset"] = load_dataset(root, validate=validate)
        _key = key
    return _cache["dataset"]


def is_derived(name: str) -> bool:
    """Whether `derived(name, …)` already holds a value for the current dataset."""
    return name in _cache


def derived(name: str, make: Callable[[], T]) -> T:
    """A value computed from the current cached dataset only (e.g. the exports), made once per dataset."""
    if name not in _cache:
        _cache[name] = make()
    return _cache[name]


class TemplateBytecode(BytecodeCache):
    """Compiled Jinja templates kept in memory across rebuilds: MkDocs makes a new theme environment for every
    build of `make serve`, and compiling Material's templates anew was a tenth of each rebuild. A template whose
    source changed has another checksum, so it is compiled again; the environment's settings are in the key."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return f"{super().get_cache_key(name, filename)}:{self.settings}"

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def attach(self, environment: Environment) -> None:
        """Use this cache for `environment` (MkDocs' `on_env`)."""
        self.settings = repr(
            (
                sorted(environment.extensions),
                environment.autoescape,
                environment.block_start_string,
                environment.variable_start_string,
            )
        )
        environment.bytecode_cache = self


THEME_TEMPLATES = TemplateBytecode()
