"""README.md's table of contents, derived from its headings: checks that it lists every section (## and ###) with the
anchor GitHub gives it, or (--write) writes it after the first paragraph.
  usage: python3 .ci/readme-toc.py [--write] [README.md]
"""
import re
import sys
from pathlib import Path

args = [a for a in sys.argv[1:] if a != "--write"]
write = "--write" in sys.argv[1:]
path = Path(args[0] if args else Path(__file__).resolve().parent.parent / "README.md")
lines = path.read_text().split("\n")

TOC_LINE = re.compile(r"^ *- \[.*\]\(#[^)]*\)$")


def headings():
    """(level, text, anchor) of every heading outside code blocks, with GitHub's anchors (a repeated one gets -1, -2)."""
    seen = {}
    fence = None
    for line in lines:
        marker = re.match(r"^ *(```|~~~)", line)
        if marker:
            fence = None if fence == marker.group(1) else (fence or marker.group(1))
            continue
        match = None if fence else re.match(r"^(#{1,6}) +(.*?) *#* *$", line)
        if not match:
            continue
        text = match.group(2)
        slug = re.sub(r"[^\w\- ]", "", text.replace("`", "").lower()).replace(" ", "-")
        anchor = slug if slug not in seen else f"{slug}-{seen[slug]}"
        seen[slug] = seen.get(slug, 0) + 1
        yield len(match.group(1)), text, anchor


toc = [f"{'  ' * (level - 2)}- [{text}](#{anchor})" for level, text, anchor in headings() if level in (2, 3)]

# The first paragraph: the first run of text lines after the title.
start = next(i for i, line in enumerate(lines) if line.startswith("# ")) + 1
while not lines[start].strip():
    start += 1
while lines[start].strip():
    start += 1
# Where the table of contents is (or goes): after that paragraph and one blank line.
begin = start + 1
end = begin
while end < len(lines) and TOC_LINE.match(lines[end]):
    end += 1
current = lines[begin:end]

if write:
    new = toc + [""] if not current else toc
    lines[begin:end] = new
    path.write_text("\n".join(lines))
    print(f"{path}: table of contents written ({len(toc)} sections)")
elif current != toc:
    missing = [entry for entry in toc if entry not in current]
    stale = [entry for entry in current if entry not in toc]
    for entry in missing:
        print(f"{path}: the table of contents lacks {entry.strip()}", file=sys.stderr)
    for entry in stale:
        print(f"{path}: the table of contents has {entry.strip()}, which is no heading", file=sys.stderr)
    if not missing and not stale:
        print(f"{path}: the table of contents is not in the order of the headings", file=sys.stderr)
    sys.exit(f"run: python3 .ci/readme-toc.py --write {path}")
else:
    print(f"{path}: the table of contents lists its {len(toc)} sections")
