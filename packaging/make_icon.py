"""Draw the program's icon once: `python packaging/make_icon.py` writes the committed files.

A blue card with "NK" in white: packaging/nkdesk.ico (Windows, all sizes Explorer asks
for) and resources/icons/nkdesk.png (the window icon). Uses the bundled DejaVu Sans Bold.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
BLUE = (31, 78, 140, 255)
SIZE = 256


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=40, fill=BLUE)
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"), 120)
    pen.text((SIZE / 2, SIZE / 2), "NK", font=font, fill="white", anchor="mm")
    return image


if __name__ == "__main__":
    icon = draw()
    icon.save(ROOT / "resources" / "icons" / "nkdesk.png")
    icon.save(
        ROOT / "packaging" / "nkdesk.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
