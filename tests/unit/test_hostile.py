"""Hostile input gets a clear error and nothing else (issue 9): a regression table per way in.

Each row is one bad input with the exact message it must produce; each test also asserts that nothing was
written, followed, fetched or rendered, and that no traceback is printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.dataset import DatasetError, load_dataset, read_raw
from macros.source import MAX_DEPTH, MAX_FILE_BYTES
from macros.urlpolicy import address_problem, normalise_url, url_problem
from tests.conftest import ROOT

BOOK = "data/resources/book-a.yml"
HEADER = "# yaml-language-server: $schema=../schema/resource.schema.json\n"
BODY = (
    "title: Hostile\nurl: https://example.org/hostile\ntype: book\ntopics: [one]\ncost: free\nlevel: beginner\n"
    "recommended: false\ndescription: A fixture description that is comfortably longer than forty characters.\n"
)


def problems_of(root: Path) -> list[str]:
    try:
        load_dataset(root)
    except DatasetError as err:
        return [str(p) for p in err.problems]
    return []


def set_url(root: Path, url: str) -> None:
    path = root / BOOK
    # A JSON string is a YAML double-quoted scalar: control characters arrive as escapes, not raw bytes.
    text = path.read_text(encoding="utf-8").replace("url: https://example.org/book-a", f"url: {json.dumps(url)}")
    path.write_text(text, encoding="utf-8")


# --- URLs: public http(s) hosts only ------------------------------------------------------------------------
LOOPBACK = "url host 127.0.0.1 is a loopback address, not a public one — use the site's public name"
URL_CASES = [
    pytest.param("http://127.0.0.1/", LOOPBACK, id="ipv4-loopback"),
    pytest.param(
        "http://169.254.169.254/latest/meta-data/",
        "url host 169.254.169.254 is a link-local address, not a public one — use the site's public name",
        id="cloud-metadata",
    ),
    pytest.param(
        "http://10.1.2.3/",
        "url host 10.1.2.3 is a private address, not a public one — use the site's public name",
        id="private-10",
    ),
    pytest.param(
        "http://192.168.0.1/",
        "url host 192.168.0.1 is a private address, not a public one — use the site's public name",
        id="private-192",
    ),
    pytest.param(
        "http://0.0.0.0/",
        "url host 0.0.0.0 is a unspecified address, not a public one — use the site's public name",
        id="unspecified",
    ),
    pytest.param(
        "http://224.0.0.1/",
        "url host 224.0.0.1 is a multicast address, not a public one — use the site's public name",
        id="multicast",
    ),
    pytest.param(
        "http://240.0.0.1/",
        "url host 240.0.0.1 is a private address, not a public one — use the site's public name",
        id="reserved-240",
    ),
    pytest.param("http://[::ffff:127.0.0.1]/", LOOPBACK, id="ipv4-mapped-ipv6"),
    pytest.param("http://[::ffff:7f00:1]/", LOOPBACK, id="ipv4-mapped-hex"),
    pytest.param("http://[64:ff9b::7f00:1]/", LOOPBACK, id="nat64"),
    pytest.param("http://[2002:7f00:1::]/", LOOPBACK, id="6to4"),
    pytest.param(
        "http://[::1]/",
        "url host ::1 is a loopback address, not a public one — use the site's public name",
        id="ipv6-loopback",
    ),
    pytest.param(
        "http://[fe80::1]/",
        "url host fe80::1 is a link-local address, not a public one — use the site's public name",
        id="ipv6-link-local",
    ),
    pytest.param(
        "http://2130706433/",
        "url host '2130706433' is an IP address in an unusual spelling (127.0.0.1) — use the site's name",
        id="decimal-integer-host",
    ),
    pytest.param(
        "http://0x7f.0.0.1/",
        "url host '0x7f.0.0.1' is an IP address in an unusual spelling (127.0.0.1) — use the site's name",
        id="hex-host",
    ),
    pytest.param(
        "http://0177.0.0.1/",
        "url host '0177.0.0.1' is an IP address in an unusual spelling (127.0.0.1) — use the site's name",
        id="octal-host",
    ),
    pytest.param(
        "http://127.1/",
        "url host '127.1' is an IP address in an unusual spelling (127.0.0.1) — use the site's name",
        id="short-dotted-host",
    ),
    pytest.param(
        "http://localhost/",
        "url host 'localhost' is a single name, not a public domain — use the full address",
        id="localhost",
    ),
    pytest.param(
        "http://localhost./", "url host 'localhost.' ends in a dot — remove the trailing dot", id="localhost-dot"
    ),
    pytest.param(
        "http://api.localhost/",
        "url host 'api.localhost' is a private or reserved name, not a public site",
        id="localhost-subdomain",
    ),
    pytest.param(
        "http://metadata.google.internal/",
        "url host 'metadata.google.internal' is a private or reserved name, not a public site",
        id="internal-suffix",
    ),
    pytest.param(
        "http://127.0.0.1.nip.io/",
        "url host '127.0.0.1.nip.io' is a wildcard-DNS name that can point anywhere — use the site's own name",
        id="wildcard-dns",
    ),
    pytest.param(
        "https://example.org./page",
        "url host 'example.org.' ends in a dot — remove the trailing dot",
        id="trailing-dot",
    ),
    pytest.param(
        "http://intranet/",
        "url host 'intranet' is a single name, not a public domain — use the full address",
        id="single-label",
    ),
    pytest.param(
        "https://user:pw@example.org/",
        "url contains a user name or password — remove the part before '@'",
        id="userinfo",
    ),
    pytest.param(
        "https://example.org@127.0.0.1/",
        "url contains a user name or password — remove the part before '@'",
        id="userinfo-decoy",
    ),
    pytest.param(
        "https://exa\u200bmple.org/",
        "url contains an invisible or control character (U+200B ZERO WIDTH SPACE) — retype the address",
        id="zero-width",
    ),
    pytest.param(
        "https://example.org/\u202egnp.exe",
        "url contains an invisible or control character (U+202E RIGHT-TO-LEFT OVERRIDE) — retype the address",
        id="bidi-override",
    ),
    pytest.param(
        "https://example.org/\x1b[31m",
        "url contains an invisible or control character (U+001B) — retype the address",
        id="ansi-escape",
    ),
    pytest.param(
        "https://аpple.com/",
        "url host 'аpple.com' is not ASCII — write it in punycode as 'xn--pple-43d.com' so look-alike letters show",
        id="idn-homograph",
    ),
    pytest.param(
        "https://%6c%6f%63%61%6c%68%6f%73%74/",
        "url host is percent-encoded — write the host name as plain text",
        id="percent-encoded-host",
    ),
    pytest.param(
        "https://example.org\\@evil.example.com/",
        "url contains a backslash — browsers read it as '/'; copy the address again",
        id="backslash",
    ),
    pytest.param(
        "https://example.org:8443/",
        "url names port 8443 — link the site's public address on the default port",
        id="odd-port",
    ),
    pytest.param(
        "https://bit.ly/x", "'bit.ly' is a link shortener — use the full address the short link leads to", id="short"
    ),
    pytest.param(
        "HTTPS://WWW.BIT.LY/x",
        "'bit.ly' is a link shortener — use the full address the short link leads to",
        id="shortener-case",
    ),
    pytest.param("javascript:alert(1)", "url must start with https:// (or http://), not 'javascript'", id="javascript"),
    pytest.param("https:example.org", "url must start with https:// (or http://), not 'https'", id="no-slashes"),
]


@pytest.mark.parametrize(("url", "message"), URL_CASES)
def test_url_rule_refuses_with_the_exact_message(mini, url, message):
    assert url_problem(url) == message
    set_url(mini, url)
    assert f"{BOOK}:3: {message}" in problems_of(mini)


@pytest.mark.parametrize(
    "url", ["https://arxiv.org/abs/1706.03762", "http://8.8.8.8/", "https://xn--e1afmkfd.xn--p1ai/", "https://a.b.co/"]
)
def test_url_rule_accepts_public_addresses(url):
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("https://example.org./a", "https://example.org/a", id="trailing-dot"),
        pytest.param("https://example.org//a///b", "https://example.org/a/b", id="double-slash"),
        pytest.param("https://example.org/%7Euser/%61", "https://example.org/~user/a", id="percent-encoding"),
        pytest.param("HTTPS://EXAMPLE.org:443/a", "http://example.org/a", id="case-and-port"),
        pytest.param("https://example.org/p?UTM_SOURCE=x", "https://example.org/p", id="tracking-case"),
    ],
)
def test_duplicates_are_seen_through_spellings(mini, a, b):
    assert normalise_url(a) == normalise_url(b)
    set_url(mini, b)
    clone = (mini / BOOK).read_text(encoding="utf-8").replace(f"url: {json.dumps(b)}", f"url: {json.dumps(a)}")
    (mini / "data/resources/book-clone.yml").write_text(clone, encoding="utf-8")
    duplicate = "duplicate resource: data/resources/book-a.yml already links to this URL — edit that file instead"
    if a.split("/")[2].endswith("."):  # refused before the duplicate check is even needed
        duplicate = "url host 'example.org.' ends in a dot — remove the trailing dot"
    assert f"data/resources/book-clone.yml:3: {duplicate}" in problems_of(mini)


def test_resolved_addresses_are_judged_too():
    assert address_problem("127.0.0.1") == "127.0.0.1 is a loopback address, not a public one"
    assert address_problem("::ffff:10.0.0.1") == "10.0.0.1 is a private address, not a public one"
    assert address_problem("93.184.215.14") is None


# --- Loader: caps, links, special files, encodings, YAML 1.1 ------------------------------------------------
def _write(root: Path, relative: str, content: bytes) -> None:
    (root / relative).write_bytes(content)


def _symlink_outside(root: Path) -> None:
    outside = root.parent / "outside.yml"
    outside.write_text(HEADER + BODY.replace("Hostile", "Leaked secret"), encoding="utf-8")
    os.symlink(outside, root / "data/resources/leak.yml")


def _symlink_zero(root: Path) -> None:
    os.symlink("/dev/zero", root / "data/resources/zero.yml")


def _fifo(root: Path) -> None:
    os.mkfifo(root / "data/resources/pipe.yml")


def _symlinked_folder(root: Path) -> None:
    os.symlink(root / "data/resources", root / "data/resources/nested")


def _huge(root: Path) -> None:
    with open(root / "data/resources/huge.yml", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB that costs nothing to create


def _bytes(name: str, content: bytes):
    return lambda root: _write(root, f"data/resources/{name}", content)


BOMB = b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" + (
    b"d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
)
ALIASES = "YAML anchors and aliases (&name, *name, <<) are not allowed in data files — write the value out"
LOADER_CASES = [
    pytest.param(_bytes("bomb.yml", BOMB), f"data/resources/bomb.yml:1: {ALIASES}", id="alias-bomb"),
    pytest.param(
        _bytes("merge.yml", (HEADER + "base: &b {cost: free}\n<<: *b\n").encode()),
        f"data/resources/merge.yml:2: {ALIASES}",
        id="merge-key",
    ),
    pytest.param(
        _bytes("deep.yml", b"a: " + b"[" * 250 + b"]" * 250 + b"\n"),
        f"data/resources/deep.yml:1: lists and mappings are nested more than {MAX_DEPTH} deep — flatten the data",
        id="deep-nesting",
    ),
    pytest.param(
        _bytes("deeper.yml", b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        f"data/resources/deeper.yml:1: lists and mappings are nested more than {MAX_DEPTH} deep — flatten the data",
        id="very-deep-nesting",
    ),
    pytest.param(
        _huge,
        f"data/resources/huge.yml:1: file is 52,428,800 bytes; data files may be at most {MAX_FILE_BYTES:,}"
        " — split or shorten it",
        id="huge-file",
    ),
    pytest.param(
        _symlink_outside,
        "data/resources/leak.yml:1: is a symbolic link — data files must be real files in the repository; "
        "replace it with the file",
        id="symlink-outside",
    ),
    pytest.param(
        _symlink_zero,
        "data/resources/zero.yml:1: is a symbolic link — data files must be real files in the repository; "
        "replace it with the file",
        id="symlink-dev-zero",
    ),
    pytest.param(
        _fifo,
        "data/resources/pipe.yml:1: is not a regular file (a device, pipe or socket) — delete it",
        id="fifo",
    ),
    pytest.param(
        _symlinked_folder,
        "data/resources/nested:1: is a symbolic link — data files must be real files in the repository; "
        "replace it with the file",
        id="symlinked-folder",
    ),
    pytest.param(
        _bytes(".hidden.yml", (HEADER + BODY).encode()),
        "data/resources/.hidden.yml:1: hidden file in a data folder — delete it, or rename it without the dot",
        id="hidden-file",
    ),
    pytest.param(
        _bytes("stray.yaml", (HEADER + BODY).encode()),
        "data/resources/stray.yaml:1: data files end in .yml — rename it to 'stray.yml'",
        id="stray-extension",
    ),
    pytest.param(
        _bytes("bom.yml", b"\xef\xbb\xbf" + (HEADER + BODY).encode()),
        "data/resources/bom.yml:1: file starts with a byte-order mark (BOM) — save it as UTF-8 without BOM",
        id="bom",
    ),
    pytest.param(
        _bytes("crlf.yml", (HEADER + BODY).replace("\n", "\r\n").encode()),
        "data/resources/crlf.yml:1: file has Windows (CRLF) or old Mac (CR) line endings — save it with LF line "
        "endings",
        id="crlf",
    ),
    pytest.param(
        _bytes("tab.yml", (HEADER + BODY + "extra:\n\t- x\n").encode()),
        "data/resources/tab.yml:11: line is indented with a tab — YAML needs spaces; replace the tab",
        id="tab-indent",
    ),
    pytest.param(
        _bytes("no.yml", (HEADER + BODY.replace("recommended: false", "recommended: no")).encode()),
        "data/resources/no.yml:8: 'no' is read by YAML as a yes/no value — write true or false, or quote it ('no')"
        " if you mean the text",
        id="yaml11-no",
    ),
    pytest.param(
        _bytes("sexagesimal.yml", (HEADER + BODY + "year: 20:17\n").encode()),
        "data/resources/sexagesimal.yml:10: '20:17' is read by YAML as the number 1217 — write 1217 if you mean "
        "the number, or quote it ('20:17')",
        id="yaml11-sexagesimal",
    ),
    pytest.param(
        _bytes("float.yml", (HEADER + BODY + "year: 2017.0\n").encode()),
        "data/resources/float.yml:10: '2017.0' is read by YAML as a decimal number — write the whole number 2017, "
        "or quote it ('2017.0') if you mean the text",
        id="yaml11-float",
    ),
    pytest.param(
        _bytes("date.yml", (HEADER + BODY.replace("title: Hostile", "title: 2020-01-01")).encode()),
        "data/resources/date.yml:2: '2020-01-01' is read by YAML as a date — quote it ('2020-01-01') to keep it "
        "as text",
        id="yaml11-date",
    ),
    pytest.param(
        _bytes("octal.yml", (HEADER + BODY + "year: 0755\n").encode()),
        "data/resources/octal.yml:10: '0755' is read by YAML as the number 493 — write 493 if you mean the number,"
        " or quote it ('0755')",
        id="yaml11-octal",
    ),
    pytest.param(
        _bytes("pyobj.yml", (HEADER + BODY + "x: !!python/object/apply:os.system [id]\n").encode()),
        "data/resources/pyobj.yml:10: the tag !!python/object/apply:os.system is not allowed in data files — remove it",
        id="python-tag",
    ),
    pytest.param(
        _bytes("binary.yml", (HEADER + BODY + "x: !!binary aGVsbG8=\n").encode()),
        "data/resources/binary.yml:10: the tag !!binary is not allowed in data files — remove it",
        id="binary-tag",
    ),
    pytest.param(
        _bytes("int-tag.yml", (HEADER + BODY + "year: !!int abc\n").encode()),
        "data/resources/int-tag.yml:10: the tag !!int is not allowed in data files — remove it",
        id="explicit-int-tag",
    ),
    pytest.param(
        _bytes("seq-tag.yml", (HEADER + BODY + "topics2: !!seq abc\n").encode()),
        "data/resources/seq-tag.yml:10: the tag !!seq is not allowed in data files — remove it",
        id="explicit-seq-tag",
    ),
    pytest.param(
        _bytes("null-tag.yml", (HEADER + BODY.replace("title: Hostile", "title: !!null Hostile")).encode()),
        "data/resources/null-tag.yml:2: the tag !!null is not allowed in data files — remove it",
        id="explicit-null-tag",
    ),
    pytest.param(
        _bytes("local-tag.yml", (HEADER + BODY + "x: !include /etc/passwd\n").encode()),
        "data/resources/local-tag.yml:10: the tag !include is not allowed in data files — remove it",
        id="local-tag",
    ),
    pytest.param(
        _bytes("bell.yml", (HEADER + BODY.replace("Hostile", "Hos\x07tile")).encode()),
        "data/resources/bell.yml:2: file contains the control character U+0007 — delete it",
        id="control-character",
    ),
]


@pytest.mark.parametrize(("setup", "message"), LOADER_CASES)
def test_loader_refuses_with_the_exact_message(mini, setup, message):
    setup(mini)
    started = time.monotonic()
    raw = read_raw(mini)
    elapsed = time.monotonic() - started
    assert message in [str(p) for p in raw.problems]
    assert elapsed < 5, f"refusing took {elapsed:.1f} s"
    # Nothing behind a link, a pipe or a refused file is read into the dataset.
    for source in raw.resources.values():
        assert "Leaked secret" not in str(source.value)
    for name in ("leak.yml", "zero.yml", "pipe.yml", "huge.yml", "nested"):
        assert raw.resources.get(name) is None or raw.resources[name].value is None


def test_symlinked_data_folder_is_refused_not_followed(mini, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (mini / "data/resources").rename(elsewhere)
    os.symlink(elsewhere, mini / "data/resources")
    raw = read_raw(mini)
    assert raw.resources == {}
    assert "data/resources:1: is a symbolic link — data must be real files in the repository; replace it" in [
        str(p) for p in raw.problems
    ]


# --- Text rules: the one safe Markdown subset ----------------------------------------------------------------
TEXT_CASES = [
    pytest.param(
        "[x](javascript:alert(1))",
        "description contains a script address ('javascript:') — remove it",
        id="javascript-link",
    ),
    pytest.param(
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "description links to 'data:text/html;base64,PHNjcmlwdD4=', which is not allowed (url must start with "
        "https:// (or http://), not 'data')",
        id="data-link",
    ),
    pytest.param(
        "[x](http://127.0.0.1/admin)",
        f"description links to 'http://127.0.0.1/admin', which is not allowed ({LOOPBACK})",
        id="private-link",
    ),
    pytest.param(
        "![x](https://tracker.example.com/p.png)",
        "description contains an image ('![') — images are not allowed; link the page instead",
        id="image",
    ),
    pytest.param(
        "text {: onmouseover=alert(1) }",
        "description contains a Markdown attribute list ('{: …}') — remove it; attributes are not allowed",
        id="attr-list",
    ),
    pytest.param(
        "see [x]\n\n[x]: https://example.org/",
        "description contains a Markdown link definition ('[name]: …') — write the link inline as [text](https://…)",
        id="reference-definition",
    ),
    pytest.param(
        "hidden\U000e0049\U000e0047\U000e004e instructions",
        "description contains a control or invisible character (U+E0049 TAG LATIN CAPITAL LETTER I) — retype the text",
        id="unicode-tag-characters",
    ),
    pytest.param(
        "line\u2028break",
        "description contains a control or invisible character (U+2028 LINE SEPARATOR) — retype the text",
        id="line-separator",
    ),
    pytest.param(
        "[x](/relative/admin)",
        "description links to '/relative/admin', which is not allowed (url must start with https:// (or http://); "
        "it is not an absolute address)",
        id="relative-link",
    ),
    pytest.param(
        "&#106;avascript:alert(1)",
        "description contains HTML — write plain text; the site formats it",
        id="html-entity",
    ),
    pytest.param(
        '=HYPERLINK("https://example.org")',
        "description starts with '=', '+', '-' or '@', which spreadsheets run as a formula in the CSV export — "
        "reword it",
        id="csv-formula",
    ),
    pytest.param(
        "right\u202eleft",
        "description contains a control or invisible character (U+202E RIGHT-TO-LEFT OVERRIDE) — retype the text",
        id="bidi-in-text",
    ),
]


@pytest.mark.parametrize(("text", "message"), TEXT_CASES)
def test_text_rules_refuse_hostile_markdown(mini, text, message):
    path = mini / "data/resources/text.yml"
    document = yaml.safe_load(BODY)
    filler = "A fixture description that is long enough."
    document["description"] = f"{text} {filler}" if text.startswith("=") else f"{filler} {text}"
    path.write_text(HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert any(p.startswith("data/resources/text.yml:") and p.endswith(message) for p in problems_of(mini)), (
        problems_of(mini)
    )


# --- Output: one sanitised line per problem; no forged workflow commands --------------------------------------
def test_validate_output_cannot_forge_workflow_commands(mini, tmp_path):
    forged = "blog\n::error file=x,line=1::forged\r\n::stop-commands::tok\u2028\x1b[2J"
    text = (mini / BOOK).read_text(encoding="utf-8").replace("type: book", f"type: {json.dumps(forged)}")
    (mini / BOOK).write_text(text, encoding="utf-8")
    (mini / "data/resources/evil\n::warning::name.yml").write_text(HEADER + BODY, encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(mini)],
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
        timeout=60,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert commands and all(line.startswith("::error file=") for line in commands)
    assert not any("stop-commands" in line.split("::")[1] for line in commands)
    assert "\x1b" not in result.stdout and "\u2028" not in result.stdout
    assert f"{BOOK}:4: type: 'blog\\n::error file=x,line=1::forged\\r\\n::stop-commands::tok\\u2028\\u001b[2J'" in (
        result.stdout
    )
    assert "data/resources/evil\\n::warning::name.yml:1: file name" in result.stdout
    table = summary.read_text(encoding="utf-8")
    assert "\n::" not in table and "\x1b" not in table


# --- make new: ids, emitter, cleaned titles, nothing left behind ----------------------------------------------
NEW = ROOT / "scripts" / "new_resource.py"
DESCRIPTION = "A careful walk through the topic with worked examples, written for interview preparation."


def run_new(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(NEW), "--root", str(root), "--yes", "--no-fetch", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def snapshot(root: Path) -> set[str]:
    return {str(p.relative_to(root.parent)) for p in root.parent.rglob("*")}


FLAGS = ["--type", "book", "--cost", "free", "--level", "beginner", "--description", DESCRIPTION]
NEW_CASES = [
    pytest.param(
        [
            "--url",
            "https://example.org/w",
            "--title",
            "Evil",
            "--id",
            "../../.github/workflows/evil",
            "--topics",
            "one",
        ],
        2,
        "error: --id '../../.github/workflows/evil' must be kebab-case",
        id="id-path-traversal",
    ),
    pytest.param(
        ["--url", "https://example.org/w", "--title", "Evil", "--id", "/tmp/evil", "--topics", "one"],
        2,
        "error: --id '/tmp/evil' must be kebab-case",
        id="id-absolute",
    ),
    pytest.param(
        ["--url", "https://example.org/w", "--title", "Evil", "--id", "Evil_Name", "--topics", "one"],
        2,
        "error: --id 'Evil_Name' must be kebab-case",
        id="id-not-kebab",
    ),
    pytest.param(
        ["--url", "https://example.org/w", "--title", "日本語のタイトル", "--topics", "one"],
        2,
        "error: the title has no letters or digits to make an id from — pass --id some-name",
        id="title-without-ascii",
    ),
    pytest.param(
        ["--url", "https://example.org/w", "--title", "Injected", "--topics", "one\nrecommended: true\nx: y"],
        1,
        "data/resources/injected.yml was not kept",
        id="topics-newline-injection",
    ),
    pytest.param(
        ["--url", "http://169.254.169.254/latest/meta-data/", "--title", "Meta", "--topics", "one"],
        2,
        "error: url host 169.254.169.254 is a link-local address",
        id="new-metadata-url",
    ),
    pytest.param(
        ["--url", "http://[::ffff:127.0.0.1]/", "--title", "Loop", "--topics", "one"],
        2,
        f"error: {LOOPBACK}",
        id="new-mapped-loopback",
    ),
    pytest.param(
        ["--url", "http://localhost./", "--title", "Loop", "--topics", "one"],
        2,
        "error: url host 'localhost.' ends in a dot",
        id="new-localhost-dot",
    ),
    pytest.param(
        ["--url", "https://example.org/w", "--title", "Short", "--topics", "one", "--description", "too short"],
        1,
        "data/resources/short.yml was not kept",
        id="invalid-file-removed",
    ),
]


@pytest.mark.parametrize(("args", "code", "message"), NEW_CASES)
def test_make_new_refuses_and_leaves_nothing(mini, args, code, message):
    before = snapshot(mini)
    extra = [flag for flag in FLAGS if flag not in args] if "--description" in args else FLAGS
    if "--description" in args:
        extra = FLAGS[:6]
    result = run_new(mini, *args, *extra)
    assert result.returncode == code, result.stdout + result.stderr
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(mini) == before, "nothing may be written"


def test_make_new_cleans_titles_and_serialises_with_the_emitter(mini):
    title = '\x1b[31mDeep\u202e Learning\u200b: "Book" #1\x1b[0m'
    result = run_new(mini, "--url", "https://example.org/dl", "--title", title, "--topics", "one", *FLAGS)
    assert result.returncode == 0, result.stdout + result.stderr
    resource = load_dataset(mini).resources["deep-learning-book-1"]
    assert resource.title == 'Deep Learning: "Book" #1'


# --- Rendering: the one rich-text path never emits anything executable ---------------------------------------
RENDER_CASES = [
    pytest.param("[x](javascript:alert(1))", id="render-javascript-link"),
    pytest.param("[x](JaVaScRiPt:alert(1))", id="render-javascript-case"),
    pytest.param("[x](data:text/html,<script>)", id="render-data-link"),
    pytest.param("[x](http://169.254.169.254/)", id="render-metadata-link"),
    pytest.param("[x](https://example.org./)", id="render-trailing-dot-link"),
    pytest.param("![x](https://tracker.example.com/p.png)", id="render-image"),
    pytest.param("para {: onclick=alert(1) }", id="render-attr-list"),
    pytest.param("<script>alert(1)</script><img src=x onerror=alert(1)>", id="render-raw-html"),
    pytest.param("<https://example.org/>", id="render-autolink"),
    pytest.param("[x][r]\n\n[r]: javascript:alert(1)", id="render-reference-link"),
    pytest.param("# Heading\n\n| a | b |\n|---|---|", id="render-heading-table"),
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


@pytest.mark.parametrize("text", RENDER_CASES)
def test_rich_text_renders_hostile_markdown_as_text(text):
    from macros.richtext import render_block, render_inline

    for html in (str(render_block(text)), str(render_inline(text))):
        parser = _Tags()
        parser.feed(html)
        assert {tag for tag, _ in parser.tags} <= {"p", "ul", "ol", "li", "strong", "em", "code", "a"}, html
        for tag, attrs in parser.tags:  # only a link to a public page may carry an attribute: its href
            if tag == "a":
                assert len(attrs) == 1 and attrs[0][0] == "href" and url_problem(attrs[0][1]) is None, html
            else:
                assert attrs == [], html


def test_rich_text_still_links_public_pages():
    from macros.richtext import render_inline

    assert str(render_inline("[d2l](https://d2l.ai/)")) == '<a href="https://d2l.ai/">d2l</a>'


# The event scan is skipped only for text whose nesting is bounded by a cheap estimate: the estimate must never
# let through a file nested deeper than the cap.
_nested = st.recursive(
    st.text(alphabet="ab -:", max_size=4),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text("xy", min_size=1, max_size=2), inner, max_size=3)
    ),
    max_leaves=40,
)


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(_nested, st.booleans())
def test_the_shallow_estimate_never_lets_deep_nesting_through(value, flow):
    from macros.source import _surely_shallow

    text = yaml.safe_dump(value, default_flow_style=flow, indent=2)
    if _surely_shallow(text):
        assert _depth(yaml.safe_load(text)) <= MAX_DEPTH
