"""Draw the application icon: resources/icons/plan-desktop.png (256 px) and .ico (16-256 px).

    .venv/bin/python tools/make_icon.py

A sheet with three schedule bars (the plan's timeline) on a blue tile. Drawn
at 4x and scaled down, so every size is smooth; the output is deterministic.
Pillow comes with reportlab.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]
BLUE = (31, 95, 168, 255)
SHEET = (255, 255, 255, 255)
RULE = (205, 214, 226, 255)
BARS = [((46, 139, 87, 255), 0.10, 0.62), ((230, 145, 30, 255), 0.30, 0.86), ((31, 95, 168, 255), 0.52, 0.94)]


def draw(size: int = 1024) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size / 256
    d.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=44 * s, fill=BLUE)
    left, top, right, bottom = 44 * s, 52 * s, 212 * s, 204 * s
    d.rounded_rectangle((left, top, right, bottom), radius=14 * s, fill=SHEET)
    width = right - left - 28 * s
    for i, (color, start, end) in enumerate(BARS):
        y = top + (34 + i * 40) * s
        d.line((left + 14 * s, y + 26 * s, right - 14 * s, y + 26 * s), fill=RULE, width=max(1, int(3 * s)))
        d.rounded_rectangle((left + 14 * s + width * start, y, left + 14 * s + width * end, y + 18 * s),
                            radius=9 * s, fill=color)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    png = big.resize((256, 256), Image.Resampling.LANCZOS)
    png.save(OUT / "plan-desktop.png", optimize=True)
    png.save(OUT / "plan-desktop.ico", sizes=[(n, n) for n in ICO_SIZES])
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
