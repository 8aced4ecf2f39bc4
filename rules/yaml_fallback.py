"""Reading YAML with PyYAML: what rapidyaml refuses, and readable messages for broken input.

Imported only on that path (``rules.parsing._parse_yaml_slow``): PyYAML's import costs ~10 ms,
which every check would otherwise pay.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import yaml

from rules.i18n import Text
from rules.parsing import (
    DuplicateKey,
    Limits,
    ParsedFile,
    SourceError,
    _alias_bomb,
    _apply_tag,
    _multi_doc,
    _one_by_one,
    _too_deep,
    apply_merges,
    resolve_plain,
)


def _make_loader() -> type:
    """A composer that resolves no implicit tags: the builder applies the YAML 1.2 core schema."""
    try:
        from yaml._yaml import CParser  # libyaml, as PyYAML's wheels ship it

        def init_c(self: Any, stream: Any) -> None:
            CParser.__init__(self, stream)
            yaml.resolver.BaseResolver.__init__(self)

        return type("_CoreLoader", (CParser, yaml.resolver.BaseResolver), {"__init__": init_c})
    except ImportError:  # pragma: no cover - PyYAML built without libyaml

        class _PureLoader(
            yaml.reader.Reader,
            yaml.scanner.Scanner,
            yaml.parser.Parser,
            yaml.composer.Composer,
            yaml.resolver.BaseResolver,
        ):
            def __init__(self, stream: Any) -> None:
                yaml.reader.Reader.__init__(self, stream)
                yaml.scanner.Scanner.__init__(self)
                yaml.parser.Parser.__init__(self)
                yaml.composer.Composer.__init__(self)
                yaml.resolver.BaseResolver.__init__(self)

        return _PureLoader


_Loader = _make_loader()


def parse_yaml_slow(raw: bytes, limits: Limits) -> ParsedFile:
    text = raw.decode("utf-8")
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.composer.ComposerError as exc:
            if "expected a single document" in str(exc):
                raise _multi_doc() from None
            raise
        if node is None:
            raise SourceError("empty", Text("Berkas kosong.", "The file is empty."), 1, 1)
        builder = _NodeBuilder(limits)
        data = builder.build(node, 0)[0]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise SourceError(
            "syntax",
            Text(f"YAML tidak sah: {problem}.", f"Invalid YAML: {problem}."),
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError("syntax", Text(f"YAML tidak sah: {exc}.", f"Invalid YAML: {exc}.")) from None
    except RecursionError:
        raise _too_deep(limits) from None
    finally:
        loader.dispose()
    return ParsedFile(data, _NodeLocator(raw, node), builder.duplicates)


_STR_TAG = "tag:yaml.org,2002:str"


class _NodeBuilder:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.budget = limits.max_alias_nodes
        self.built: dict[int, tuple[Any, int]] = {}
        self.duplicates: list[DuplicateKey] = []
        self.path: list[str] = []

    def build(self, node: yaml.Node, depth: int) -> tuple[Any, int]:
        cached = self.built.get(id(node))
        if cached is not None:  # an alias: the composer hands out the anchored node again
            self.budget -= cached[1]
            if self.budget < 0:
                raise _alias_bomb(self.limits)
            return cached
        if depth > self.limits.max_depth:
            m = node.start_mark
            raise _too_deep(self.limits, m.line + 1, m.column + 1)
        result: tuple[Any, int]
        if isinstance(node, yaml.MappingNode):
            result = self._map(node, depth)
        elif isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            size = 1
            for i, item in enumerate(node.value):
                self.path.append(str(i))
                v, s = self.build(item, depth + 1)
                self.path.pop()
                items.append(v)
                size += s
            result = (items, size)
        else:
            assert isinstance(node, yaml.ScalarNode)
            result = (self._scalar(node), 1)
        self.built[id(node)] = result
        return result

    @staticmethod
    def _scalar(node: yaml.ScalarNode) -> Any:
        text = str(node.value)
        if node.style:  # quoted or block
            return text if node.tag == _STR_TAG else _apply_tag(node.tag, text)
        if node.tag != _STR_TAG:
            return _apply_tag(node.tag, text)
        return resolve_plain(text)

    def _map(self, node: yaml.MappingNode, depth: int) -> tuple[Any, int]:
        result: dict[str, Any] = {}
        merges: list[Any] = []
        size = 1
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                m = key_node.start_mark
                raise SourceError(
                    "syntax",
                    Text("Kunci berupa koleksi tidak didukung.", "Collection keys are not supported."),
                    m.line + 1,
                    m.column + 1,
                )
            key = str(key_node.value)
            self.path.append(key)
            value, s = self.build(value_node, depth + 1)
            self.path.pop()
            size += s
            if key == "<<" and not key_node.style:
                merges.append(value)
                continue
            if key in result:
                mark = key_node.start_mark
                self.duplicates.append(DuplicateKey((*self.path, key), mark.line + 1, mark.column + 1))
            result[key] = value
        apply_merges(result, merges)
        return result, size


class _NodeLocator:
    def __init__(self, raw: bytes, root: yaml.Node):
        self._root = root

    def positions(self, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
        return _one_by_one(self, pointers)

    def position(self, segments: Sequence[str]) -> tuple[int, int]:
        node = self._root
        mark = node.start_mark
        for seg in segments:
            nxt: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == seg:
                        nxt, mark = v, k.start_mark
                        break
            elif isinstance(node, yaml.SequenceNode) and seg.isdigit() and int(seg) < len(node.value):
                nxt = node.value[int(seg)]
                mark = nxt.start_mark
            if nxt is None:
                break
            node = nxt
        return mark.line + 1, mark.column + 1
