"""The colours every chart uses, on the dashboard and in the briefing: the pilot zone green, Guang'an blue,
targets red, target paths grey and orange (the order of fct_target_paths' path bases)."""
from __future__ import annotations

TARGET_COLOUR = "#b2182b"
PATH_COLOURS = ("#7f7f7f", "#f1a340")
PILOT_COLOUR = "#1b7837"
PARTNER_COLOUR = "#2166ac"
