"""A regex alternation built as a trie, so that long word lists match quickly."""

from __future__ import annotations

import re


def trie_pattern(words: list[str] | tuple[str, ...]) -> str:
    """A regex (no groups) matching exactly the given literal words, longest first at each branch.

    ``re`` tries the branches of ``a|b|c`` one by one; sharing prefixes
    (``sol(?:diers?)``) avoids re-reading the same letters for every word.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = []
        end = "" in node
        for ch in sorted((k for k in node if k), key=lambda k: -_depth(node[k])):
            branches.append(re.escape(ch) + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


def _depth(node: dict) -> int:
    return 1 + max((_depth(v) for k, v in node.items() if k), default=0)
