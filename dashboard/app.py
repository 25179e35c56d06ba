"""The dashboard's entry file: language switch, login, freshness line and the page router (`st.navigation`).
Every page is behind the login; the submission page is only in a data steward's navigation.

Run it from the repository root: `make serve` (`streamlit run dashboard/server.py`, which serves this file behind
a middleware; `streamlit run dashboard/app.py` works too, with /_stcore/metrics open).
"""
from __future__ import annotations

import logging

import streamlit as st

# `dashboard` and `scripts` are installed (pyproject.toml, `make setup`): no sys.path edit.
from dashboard import auth, components, data, workbook
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGE_KEY, LANGUAGE_SWITCH_KEY, LANGUAGES, t

# (file, title key, emoji icon, url path). Emoji, not Material icon names: those fetch glyphs from the internet.
PAGES = {
    "section_leaders": [
        ("app_pages/overview.py", "nav_overview", "🎯", "overview"),
        ("app_pages/scorecard.py", "nav_scorecard", "🏁", "scorecard"),
        ("app_pages/indicator.py", "nav_indicator", "📈", "indicator"),
        ("app_pages/green_credit.py", "nav_green_credit", "💹", "green-credit"),
        ("app_pages/green_bonds.py", "nav_green_bonds", "🧾", "green-bonds"),
        ("app_pages/energy_carbon_forest.py", "nav_energy", "🌲", "energy-carbon-forest"),
        ("app_pages/changshou_guangan.py", "nav_comparison", "🤝", "changshou-guangan"),
        ("app_pages/institution_evaluation.py", "nav_evaluation", "🏦", "institution-evaluation"),
    ],
    "section_work": [
        ("app_pages/task_ledger.py", "nav_tasks", "📋", "tasks"),
        ("app_pages/data_quality.py", "nav_quality", "🔍", "data-quality"),
    ],
}
STEWARD_PAGES = [("app_pages/submit_data.py", "nav_submit", "📤", "submit")]  # appended to section_work
# Where the login form answers too: a bookmark opens the login, then its own page.
PAGE_PATHS = [url_path for _, _, _, url_path in [*PAGES["section_leaders"], *PAGES["section_work"], *STEWARD_PAGES]]

# The reader's language lives in session state, not only in the switch: the switch is drawn from it on every
# run, so the choice holds on every page. A link can open the app in English (?lang=en).
if LANGUAGE_KEY not in st.session_state:
    requested = st.query_params.get(LANGUAGE_KEY)
    st.session_state[LANGUAGE_KEY] = requested if requested in LANGUAGES else DEFAULT_LANGUAGE


def remember_language() -> None:
    st.session_state[LANGUAGE_KEY] = st.session_state[LANGUAGE_SWITCH_KEY]


with st.sidebar:
    st.segmented_control(t("language"), list(LANGUAGES), format_func=LANGUAGES.get, required=True,
                         default=st.session_state[LANGUAGE_KEY], key=LANGUAGE_SWITCH_KEY, on_change=remember_language)

st.set_page_config(page_title=t("app_title"), page_icon="🌿", layout="wide")

try:
    reader = auth.require_login(PAGE_PATHS)
except Exception:  # noqa: BLE001 - whatever fails before the router, the reader gets no page but the notice
    logging.getLogger(__name__).exception("login failed before the router")
    auth.only_page(lambda: st.error(t("login_unavailable")))
sections = {section: list(pages) for section, pages in PAGES.items()}
if reader.can_submit:
    sections["section_work"] += STEWARD_PAGES
navigation = st.navigation({
    t(section): [st.Page(file, title=t(title), icon=icon, url_path=url_path, default=url_path == "overview")
                 for file, title, icon, url_path in pages]
    for section, pages in sections.items()
})

with st.sidebar:
    if data.database_exists():
        components.as_at_selector()
    st.caption(t("app_title"))
    if data.database_exists():
        st.caption(t("published_at", when=f"{data.published_at():%Y-%m-%d %H:%M}"))
        workbook.download_button()  # after the login: only a reader gets the data

navigation.run()
