"""The leading group's quarterly briefing (领导小组简报), generated from the published marts: content.py says
what it holds, charts.py draws and renders its charts offline, pdf.py and word.py lay it out, and
`python -m scripts.outputs.briefing` (`make briefing QUARTER=2026Q3`) writes both files."""
