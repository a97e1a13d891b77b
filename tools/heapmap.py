#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""heapmap: draw tagheap heaps as an SVG map, from tagheap_dump_json snapshots.

One horizontal band per snapshot, drawn to scale (every band uses the same
bytes per pixel, so a bigger heap draws a longer band).  Allocated blocks are
dark and solid, free blocks light with a dotted pattern, the allocator's own
bytes (state, start map, padding, the block area's two end words, unused tail)
grey and cross-hatched, so the picture reads in greyscale too.  Each block's
header is a tick above the band, each free block's footer a tick below it.
Blocks wide enough carry their size; a free block too narrow to see gets a
light mark 1.5 px wide; every block and overhead part has a <title> tooltip.  Under each band: capacity, bytes in use, free bytes, largest
free block, number of free blocks and external fragmentation
(1 - largest free / free bytes).  Several snapshots make a strip, one row per
snapshot in the order given, so a sequence of operations reads like a film.

Input files hold either one snapshot (what tagheap_dump_json writes) or an
object {"label": "...", "snapshot": {...}} that names the step; "-" is stdin.
Output is deterministic: no timestamp, and no address unless --addresses.

Only the Python standard library is used.
"""
import argparse
import json
import sys
from xml.sax.saxutils import escape

FORMAT = "tagheap-snapshot"
VERSION = 1

# Geometry, in pixels.
MARGIN = 16
BAND_HEIGHT = 40
TICK_OUT = 5  # how far header and footer ticks stand out of the band
CAPTION_HEIGHT = 22
SUMMARY_HEIGHT = 20
ROW_GAP = 18
CHAR_WIDTH = 6.8  # average width of a 12 px sans-serif character, for fitting labels
MIN_TICK_BLOCK = 3.0  # narrower blocks get no ticks: they would blacken the band
MIN_FREE_MARK = 1.5  # narrower free blocks get a mark this wide, so that none is invisible

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
COLOURS = {
    "allocated": "#2f5d9e",
    "free": "#eef6e8",
    "overhead": "#b8b8b8",
    "unwalked": "#f3c4c4",
    "free_mark": "#d9f0c8",
    "tick": "#111111",
    "text_on_allocated": "#ffffff",
    "text": "#111111",
}
OVERHEAD_PARTS = {
    "alignment": "alignment skipped at the start of the region",
    "state": "the allocator's state (struct tagheap)",
    "heads": "the free lists' heads (one word per size class) and their group map (4 bytes per 8 classes)",
    "start_map": "the block-start map (one byte per 16 bytes of heap)",
    "padding": "padding that aligns the block area to 16 bytes",
    "first_word": "the block area's first word (puts headers at 8 mod 16)",
    "end_marker": "the end marker (size 0, allocated)",
    "unused": "the end of the region, left unused by the layout",
}


class SnapshotError(Exception):
    pass


def offset_text(offset):
    """Offsets as tagheap writes them: 0x and at least eight hex digits."""
    return "0x%08x" % offset


def plural(count, word):
    return "%d %s%s" % (count, word, "" if count == 1 else "s")


def fmt(value):
    """A pixel coordinate: three decimals, no trailing zeros, deterministic."""
    text = ("%.3f" % value).rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def load(path):
    """(label, snapshot) from a file; the label defaults to the file's name."""
    try:
        if path == "-":
            value = json.load(sys.stdin)
        else:
            with open(path, encoding="utf-8") as f:
                value = json.load(f)
    except (OSError, ValueError) as e:
        raise SnapshotError("%s: %s" % (path, e))
    label = path
    if isinstance(value, dict) and "snapshot" in value:
        label = str(value.get("label", path))
        value = value["snapshot"]
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise SnapshotError('%s: not a %s (no "format": "%s")' % (path, FORMAT, FORMAT))
    if value.get("version") != VERSION:
        raise SnapshotError(
            "%s: snapshot version %r, this heapmap reads version %d"
            % (path, value.get("version"), VERSION)
        )
    return label, value


def fragmentation(stats):
    """External fragmentation: the share of free bytes not in the largest free block."""
    free = stats["free_bytes"]
    return 0.0 if free == 0 else 1.0 - stats["largest_free"] / free


def summary_text(snapshot):
    s = snapshot["stats"]
    in_use_blocks = s["blocks"] - s["free_blocks"]
    parts = [
        "capacity %d B" % s["capacity"],
        "in use %d B in %s" % (s["allocated_bytes"], plural(in_use_blocks, "block")),
        "free %d B in %s" % (s["free_bytes"], plural(s["free_blocks"], "block")),
        "largest free %d B" % s["largest_free"],
        "fragmentation %.1f %%" % (100.0 * fragmentation(s)),
        "overhead %d B" % snapshot["overhead"]["total"],
    ]
    if snapshot["walk"] != "complete":
        parts.append("DAMAGED at %s" % offset_text(snapshot["damaged_offset"]))
    return " · ".join(parts)


class Svg:
    def __init__(self):
        self.lines = []

    def add(self, text):
        self.lines.append(text)

    def text(self, x, y, content, size=12, weight=None, fill=COLOURS["text"], anchor=None,
             halo=False):
        attrs = 'x="%s" y="%s" font-size="%d" fill="%s"' % (fmt(x), fmt(y), size, fill)
        if halo:  # a white outline keeps the text readable over a pattern
            attrs += ' stroke="#ffffff" stroke-width="3" paint-order="stroke"'
        if weight:
            attrs += ' font-weight="%s"' % weight
        if anchor:
            attrs += ' text-anchor="%s"' % anchor
        self.add("<text %s>%s</text>" % (attrs, escape(content)))


def defs(svg):
    """Patterns, so that status reads without colour."""
    svg.add("<defs>")
    svg.add(
        '<pattern id="free" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="%s"/>'
        '<circle cx="4" cy="4" r="1" fill="#7fae6b"/></pattern>' % COLOURS["free"]
    )
    svg.add(
        '<pattern id="overhead" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="%s"/>'
        '<path d="M0,6 L6,0 M0,0 L6,6" stroke="#6d6d6d" stroke-width="0.8"/></pattern>'
        % COLOURS["overhead"]
    )
    svg.add(
        '<pattern id="unwalked" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="%s"/>'
        '<path d="M0,6 L6,0" stroke="#b22222" stroke-width="1.2"/></pattern>'
        % COLOURS["unwalked"]
    )
    svg.add("</defs>")


def block_title(block, addresses):
    usable = block["size"] - 8
    title = "block at offset %s: %d bytes, %s (%d usable), previous block %s; payload at %s" % (
        offset_text(block["offset"]),
        block["size"],
        block["status"],
        usable,
        block["previous"],
        offset_text(block["payload_offset"]),
    )
    if addresses:
        title += ", address %s" % block["payload"]
    return title


def block_label(block, width):
    """The longest label that fits the block's width, or None."""
    word = "used" if block["status"] == "allocated" else "free"
    for label in ("%s %d B" % (word, block["size"]), "%d" % block["size"]):
        if len(label) * CHAR_WIDTH + 6 <= width:
            return label
    return None


def draw_band(svg, snapshot, x0, y, scale, addresses):
    """The region of one heap as rectangles that tile it: overhead parts and blocks."""
    area = snapshot["block_area"]["region_offset"]

    def x_of(region_offset):
        return x0 + region_offset * scale

    def part_rect(kind, offset, size, title, fill, extra=""):
        svg.add(
            '<rect class="%s" data-offset="%d" data-bytes="%d" x="%s" y="%s" width="%s" '
            'height="%d" fill="%s"%s><title>%s</title></rect>'
            % (kind, offset, size, fmt(x_of(offset)), fmt(y), fmt(size * scale),
               BAND_HEIGHT, fill, extra, escape(title))
        )

    for part in snapshot["layout"]:
        name, offset, size = part["part"], part["offset"], part["bytes"]
        if name == "blocks" or size == 0:
            continue
        part_rect(
            "overhead part-%s" % name.replace("_", "-"), offset, size,
            "%s: %d bytes, %s" % (name.replace("_", " "), size, OVERHEAD_PARTS.get(name, "")),
            "url(#overhead)",
        )
    # the allocator's bookkeeping before the blocks, labelled when wide enough
    before = area + 8
    for label in ("overhead %d B" % before, "%d B" % before):
        if len(label) * CHAR_WIDTH + 6 <= before * scale:
            svg.text(x0 + before * scale / 2, y + BAND_HEIGHT / 2 + 4, label, anchor="middle",
                     halo=True)
            break

    end = 8
    for block in snapshot["blocks"]:
        offset, size = area + block["offset"], block["size"]
        width = size * scale
        allocated = block["status"] == "allocated"
        svg.add('<g class="block-%s">' % block["status"])
        svg.add("<title>%s</title>" % escape(block_title(block, addresses)))
        svg.add(
            '<rect class="block" data-offset="%d" data-bytes="%d" x="%s" y="%s" width="%s" '
            'height="%d" fill="%s" stroke="#ffffff" stroke-width="%s"/>'
            % (block["offset"], size, fmt(x_of(offset)), fmt(y), fmt(width), BAND_HEIGHT,
               COLOURS["allocated"] if allocated else "url(#free)",
               "0.5" if width >= MIN_TICK_BLOCK else "0")
        )
        if not allocated and width < MIN_FREE_MARK:
            # too narrow to see: a light mark says a free block is here
            svg.add(
                '<rect class="mark" x="%s" y="%s" width="%s" height="%d" fill="%s"/>'
                % (fmt(x_of(offset) + width / 2 - MIN_FREE_MARK / 2), fmt(y), fmt(MIN_FREE_MARK),
                   BAND_HEIGHT, COLOURS["free_mark"])
            )
        if width >= MIN_TICK_BLOCK:
            tick = max(8 * scale, 1.0)
            svg.add(
                '<rect class="tick header" x="%s" y="%s" width="%s" height="%d" fill="%s"/>'
                % (fmt(x_of(offset)), fmt(y - TICK_OUT), fmt(tick), BAND_HEIGHT / 2 + TICK_OUT,
                   COLOURS["tick"])
            )
            if not allocated:
                svg.add(
                    '<rect class="tick footer" x="%s" y="%s" width="%s" height="%d" fill="%s"/>'
                    % (fmt(x_of(offset + size) - tick), fmt(y + BAND_HEIGHT / 2), fmt(tick),
                       BAND_HEIGHT / 2 + TICK_OUT, COLOURS["tick"])
                )
        label = block_label(block, width)
        if label:
            svg.text(
                x_of(offset) + width / 2, y + BAND_HEIGHT / 2 + 4, label, anchor="middle",
                fill=COLOURS["text_on_allocated"] if allocated else COLOURS["text"],
                halo=not allocated,
            )
        svg.add("</g>")
        end = block["offset"] + size
    if snapshot["walk"] != "complete":
        # from the damaged header to the end marker: bytes the walk could not read
        unread = snapshot["block_area"]["end_marker"] - end
        part_rect(
            "unwalked", area + end, unread,
            "damaged header %s at offset %s: the walk stops, %d bytes not shown as blocks"
            % (snapshot["damaged_header"], offset_text(end), unread),
            "url(#unwalked)",
        )


def legend(svg, y, damaged, width):
    """Swatches, wrapped to the picture's width; returns the y below them."""
    items = [
        ("allocated block (its size, header included)", COLOURS["allocated"]),
        ("free block", "url(#free)"),
        ("allocator overhead", "url(#overhead)"),
    ]
    if damaged:
        items.append(("not walked (damaged header)", "url(#unwalked)"))
    items.append(("header tick (above the band); footer tick (below: free blocks only)", None))
    x = MARGIN
    for text, fill in items:
        item_width = 24 + len(text) * CHAR_WIDTH + 18
        if x > MARGIN and x + item_width > MARGIN + width:
            x, y = MARGIN, y + 20
        if fill is None:
            svg.add('<rect x="%s" y="%s" width="2" height="14" fill="%s"/>'
                    % (fmt(x + 8), fmt(y - 12), COLOURS["tick"]))
        else:
            svg.add(
                '<rect x="%s" y="%s" width="18" height="12" fill="%s" stroke="#555555" '
                'stroke-width="0.5"/>' % (fmt(x), fmt(y - 10), fill)
            )
        svg.text(x + 24, y, text)
        x += item_width
    svg.text(
        MARGIN, y + 18,
        "fragmentation = 1 − largest free block / free bytes;"
        " in use and free count usable bytes (headers excluded)",
        size=11,
    )
    return y + 18


def render(rows, title, width, addresses):
    largest = max(s["region"]["bytes"] for _, s in rows)
    scale = width / largest
    row_height = CAPTION_HEIGHT + TICK_OUT + BAND_HEIGHT + TICK_OUT + SUMMARY_HEIGHT + ROW_GAP
    top = 56
    total_width = width + 2 * MARGIN
    svg = Svg()
    svg.add('<?xml version="1.0" encoding="UTF-8"?>')
    svg.add(
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="@HEIGHT@" '
        'viewBox="0 0 %d @HEIGHT@" role="img" aria-labelledby="heapmap-title heapmap-desc" '
        'font-family="%s">' % (total_width, total_width, FONT)
    )
    description = "%s of tagheap, drawn to scale (%d px = %d bytes): %s." % (
        plural(len(rows), "heap snapshot"), width, largest,
        "; ".join("%s: %s" % (label, summary_text(s)) for label, s in rows),
    )
    svg.add('<title id="heapmap-title">%s</title>' % escape(title))
    svg.add('<desc id="heapmap-desc">%s</desc>' % escape(description))
    defs(svg)
    svg.add('<rect width="100%" height="100%" fill="#ffffff"/>')
    svg.text(MARGIN, 24, title, size=16, weight="bold")
    svg.text(
        MARGIN, 42,
        "each band is one heap's region drawn to scale: %d px = %d bytes" % (width, largest),
        size=11,
    )
    y = top
    for number, (label, snapshot) in enumerate(rows, 1):
        region = snapshot["region"]["bytes"]
        svg.add(
            '<g class="heap" data-region-bytes="%d" data-step="%d">' % (region, number)
        )
        caption = "%d. %s" % (number, label) if len(rows) > 1 else label
        svg.text(MARGIN, y + 15, caption, size=13, weight="bold")
        band_y = y + CAPTION_HEIGHT + TICK_OUT
        draw_band(svg, snapshot, MARGIN, band_y, scale, addresses)
        svg.add(
            '<rect x="%s" y="%s" width="%s" height="%d" fill="none" stroke="#333333" '
            'stroke-width="1"/>' % (fmt(MARGIN), fmt(band_y), fmt(region * scale), BAND_HEIGHT)
        )
        svg.text(MARGIN, band_y + BAND_HEIGHT + TICK_OUT + 15, summary_text(snapshot), size=11)
        svg.add("</g>")
        y += row_height
    bottom = legend(svg, y + 4, any(s["walk"] != "complete" for _, s in rows), width)
    svg.add("</svg>")
    height = int(bottom) + 12
    svg.lines[1] = svg.lines[1].replace("@HEIGHT@", str(height))
    return "\n".join(svg.lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="heapmap",
        description="Draw tagheap heaps (tagheap_dump_json snapshots) as an SVG map: one band "
        "per snapshot, to scale; several snapshots make a strip, one row per step.",
        epilog="Example: build/examples/demo DIR && tools/heapmap.py DIR/step-*.json -o strip.svg "
        "(make demo does this in build/demo/).",
    )
    parser.add_argument("snapshots", nargs="+", metavar="SNAPSHOT",
                        help='a tagheap_dump_json file, or {"label": ..., "snapshot": ...}; '
                        '"-" reads stdin')
    parser.add_argument("-o", "--output", default="-", help="SVG file to write (default: stdout)")
    parser.add_argument("--title", default="tagheap heap map", help="the picture's title")
    parser.add_argument("--width", type=int, default=960,
                        help="pixels for the largest heap's band (default 960)")
    parser.add_argument("--addresses", action="store_true",
                        help="add payload addresses to the tooltips (they change from run to run)")
    args = parser.parse_args(argv)
    if args.width < 100:
        parser.error("--width must be at least 100")
    try:
        rows = [load(path) for path in args.snapshots]
    except SnapshotError as e:
        print("heapmap: %s" % e, file=sys.stderr)
        return 1
    text = render(rows, args.title, args.width, args.addresses)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
