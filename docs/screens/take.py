"""Screenshots of a running demo (./dev demo) as the secretariat, for docs/screens/.

    .venv/bin/python docs/screens/take.py http://127.0.0.1:8000 docs/screens home=/ map=/tinh-hinh/ban-do/ [--full] [--widths=390,1366]
"""
import sys

from PIL import Image
from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
base, out = sys.argv[1], sys.argv[2]
full = "--full" in sys.argv
widths = [int(w) for w in (next((a[9:] for a in sys.argv if a.startswith("--widths=")), "390,1366")).split(",")]
pages = [a.split("=", 1) for a in sys.argv[3:] if "=" in a and not a.startswith("--")]
with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    for width in widths:
        small = width < 500
        context = browser.new_context(viewport={"width": width, "height": 844 if small else 900}, locale="vi-VN",
                                      is_mobile=small, has_touch=small)
        page = context.new_page()
        page.goto(base + "/tai-khoan/dang-nhap/")
        page.fill("input[name=username]", "thuongtruc")
        page.fill("input[name=password]", "phoihop2025")
        page.click("form:has(input[name=password]) button[type=submit]")
        page.wait_for_load_state("networkidle")
        for name, url in pages:
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            sw = page.evaluate("document.documentElement.scrollWidth")
            path = f"{out}/{name}-{width}.png"
            page.screenshot(path=path, full_page=full)
            small = Image.open(path).convert("RGB").quantize(128, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            small.save(path, optimize=True)  # a third of the size, still sharp text
            print(name, width, "scrollWidth", sw)
        context.close()
    browser.close()
