"""The documentation is generated where it can be and its links and commands are real."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TOOL = ROOT / "tools" / "gen_schema_doc.py"


def _load_tool():
    spec = importlib.util.spec_from_file_location("gen_schema_doc", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    return _load_tool()


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads((ROOT / "data" / "schema.json").read_text(encoding="utf-8"))


def test_schema_page_is_up_to_date(tool, schema):
    committed = (DOCS / "schema.md").read_text(encoding="utf-8")
    assert committed == tool.render(schema), "docs/schema.md is out of date with data/schema.json: run `make docs`"


def _table_rows(markdown: str) -> dict[str, list[str]]:
    """Column name -> the cells of its row in the generated table (read back with a plain split)."""
    rows = {}
    for line in markdown.splitlines():
        if line.startswith("| ") and "`" in line:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            rows[cells[1].strip("`")] = cells
    return rows


def test_schema_page_lists_every_field_with_its_constraints(tool, schema):
    rows = _table_rows(tool.render(schema))
    assert list(rows) == [f["name"] for f in schema["fields"]]
    for i, f in enumerate(schema["fields"], start=1):
        number, _, kind, title, constraints, description = rows[f["name"]]
        assert (number, kind, title, description) == (str(i), f["type"], f["title"], f["description"])
        c = f.get("constraints", {})
        assert ("required" in constraints) == bool(c.get("required"))
        assert ("unique" in constraints) == bool(c.get("unique"))
        for value in c.get("enum", []):
            assert f"`{value}`" in constraints
        for bound in ("minimum", "maximum"):
            if bound in c:
                assert str(c[bound]) in constraints


def test_schema_page_escapes_table_breaking_text(tool):
    page = tool.render({"fields": [{"name": "a", "type": "string", "title": "A | B", "description": "x\n\ny"}]})
    (row,) = _table_rows(page).values()
    assert row[3] == "A \\| B" and row[5] == "x y"


def test_check_mode_fails_on_a_stale_page_and_make_docs_fixes_it(tmp_path):
    out = tmp_path / "schema.md"
    out.write_text("# stale\n", encoding="utf-8")
    base = [sys.executable, str(TOOL), "--output", str(out)]
    stale = subprocess.run([*base, "--check"], capture_output=True, text=True)
    assert stale.returncode == 1 and "make docs" in stale.stderr
    assert out.read_text(encoding="utf-8") == "# stale\n"
    subprocess.run(base, check=True, capture_output=True)
    assert subprocess.run([*base, "--check"], capture_output=True).returncode == 0
    assert out.read_text(encoding="utf-8") == (DOCS / "schema.md").read_text(encoding="utf-8")


LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _pages() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_point_to_existing_files(page):
    broken = []
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue  # web address, mail address or an anchor on the same page
        path = target.split("#", 1)[0]
        if not (page.parent / path).exists():
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)} links to missing files: {broken}"


def test_index_links_every_page():
    links = set(LINK.findall((DOCS / "index.md").read_text(encoding="utf-8")))
    expected = {"architecture", "schema", "sources", "methods", "figures", "extract", "versions", "contributing"}
    assert {f"{name}.md" for name in expected} <= links


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.MULTILINE))


def _make_commands(markdown: str) -> set[str]:
    """Targets of ``make X`` written as code (inline code or fenced blocks), not prose like "make sure"."""
    fenced = re.findall(r"^```[^\n]*\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)
    inline = re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", markdown, flags=re.MULTILINE | re.DOTALL))
    return {t for code in [*fenced, *inline] for t in re.findall(r"(?:^|[\s;&|(])make ([a-z][a-z-]*)", code, re.M)}


def test_make_commands_are_read_from_code_only():
    text = "Run `make test`, then make sure it passes.\n\n```sh\nmake check   # all\ncd x && make docs\n```\n"
    assert _make_commands(text) == {"test", "check", "docs"}


@pytest.mark.parametrize("page", [ROOT / "README.md", DOCS / "contributing.md"], ids=lambda p: p.name)
def test_make_commands_in_the_docs_exist(page):
    mentioned = _make_commands(page.read_text(encoding="utf-8"))
    assert mentioned, f"{page.name} mentions no make command"
    unknown = mentioned - _make_targets()
    assert not unknown, f"{page.name} mentions make targets the Makefile does not have: {sorted(unknown)}"
