"""The briefing's page, one owner for both files (pdf.py, word.py): A4 with the GB/T 9704 margins, the fonts
(Debian's Noto CJK, which both files name and the PDF embeds), the type sizes, the mark's colour and the page
number's wording from the text catalog."""
from __future__ import annotations

from scripts.configuration.text import t
from scripts.outputs.palette import TARGET_COLOUR

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_RIGHT_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM = 30, 26, 28, 28
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
# Points. The body is 11 pt, not GB/T 9704's 3号 (16 pt): the briefing has to fit on four pages.
TITLE_SIZE, SUBTITLE_SIZE, ISSUED_SIZE = 19, 14, 9.5
HEADING_SIZE, SUBHEADING_SIZE, BODY_SIZE, TABLE_SIZE, MARK_SIZE = 13, 12, 11, 9, 10
MARK_COLOUR = TARGET_COLOUR  # the sample mark, in the colour the charts give a target


def page_number_affixes(lang: str) -> tuple[str, str]:
    """What stands before and after the page number ("— ", " —"), from the catalog's "— {page} —"."""
    before, _, after = t("briefing_page", lang, page="\0").partition("\0")
    return before, after
