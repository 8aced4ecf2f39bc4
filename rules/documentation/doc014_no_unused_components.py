"""DOC014: every reusable component is used."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

#: Where 2.0 and 3.x keep reusable definitions; security schemes are used by name, not $ref.
_V2_GROUPS = ("definitions", "parameters", "responses")
_V3_GROUPS = (
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "links",
    "callbacks",
    "pathItems",
)


class NoUnusedComponents(Rule):
    id = "DOC014"
    name = "no-unused-components"
    category = Category.DOCUMENTATION
    severity = Severity.INFO
    title = Text("Komponen dipakai", "Components are used")
    rationale = Text(
        "Skema, parameter atau respons yang didefinisikan tetapi tidak dipakai operasi mana pun tetap tampil "
        "di dokumentasi dan katalog: pembaca mengira API menerima atau mengembalikannya, dan definisi yang "
        "tertinggal dari versi lama tidak lagi dirawat.",
        "A schema, parameter or response that is defined but used by no operation still shows in the "
        "documentation and the catalogue: readers believe the API accepts or returns it, and definitions "
        "left over from an older version are no longer maintained.",
    )
    fix = Text(
        "Hapus komponen yang tidak dipakai, atau rujuk dari operasi yang memang memakainya.",
        "Remove the unused component, or refer to it from the operation that really uses it.",
    )
    message = Text(
        "Komponen '{name}' ({group}) tidak dipakai di mana pun",
        "Component '{name}' ({group}) is not used anywhere",
    )
    references = (
        "https://spec.openapis.org/oas/v3.1.0#components-object",
        "https://redocly.com/docs/cli/rules/oas/no-unused-components",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        groups: tuple[str, ...]
        if doc.is_v2:
            base, groups, depth = "", _V2_GROUPS, 2
            holder = doc.data
        else:
            base, groups, depth = "/components", _V3_GROUPS, 3
            comps = doc.data.get("components")
            holder = comps if isinstance(comps, dict) else {}
        used: set[tuple[str, ...]] = set()
        for target in {ref.ref for ref in doc.references}:  # thousands of $refs, a few hundred targets
            if target.startswith("#/"):
                used.add(tuple(jp.split(jp.from_fragment(target))[:depth]))
        schemas_group = ("definitions",) if doc.is_v2 else ("components", "schemas")
        for info in doc.schemas:
            discriminator = info.value.get("discriminator")
            mapping = discriminator.get("mapping") if isinstance(discriminator, dict) else None
            if isinstance(mapping, dict):
                for target in mapping.values():
                    if not isinstance(target, str):
                        continue
                    if target.startswith("#/"):
                        used.add(tuple(jp.split(jp.from_fragment(target))[:depth]))
                    elif "/" not in target:
                        used.add((*schemas_group, target))
        sites = doc.bundle.sites if len(doc.bundle.sites) > 1 else {}
        for group in groups:
            entries = holder.get(group)
            if not isinstance(entries, dict) or (doc.is_v2 and group in ("parameters", "responses") and base):
                continue
            for name, value in entries.items():
                key = (group, str(name)) if doc.is_v2 else ("components", group, str(name))
                if key in used:
                    continue
                pointer = jp.join(base, group, name)
                # A component that is only a $ref, or that came from another file, is an alias of
                # something used by file path elsewhere: whether it is used cannot be told here.
                if (isinstance(value, dict) and "$ref" in value) or pointer in sites:
                    continue
                yield self.violation(pointer, name=str(name), group=group)
