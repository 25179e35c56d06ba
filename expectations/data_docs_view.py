"""The Data Docs page view with every value from the data escaped.

GX 1.24's page view escapes the parameters of its string templates, but a plain string in a content block (a
cell of the table of unexpected values, which holds the steward's own cell values) is written into the page as
it is, so a value such as <img src=x onerror=…> would run in the steward's browser. great_expectations.yml
names this view for the validation pages; only plain strings are escaped, GX's own markup is built from
templates and stays as it is.
"""
from __future__ import annotations

import html

from great_expectations.render.view import DefaultJinjaPageView
from jinja2 import pass_context


class EscapedValuesPageView(DefaultJinjaPageView):
    @pass_context  # as the method it replaces: Jinja calls it as a filter, with the template's context
    def render_content_block(self, jinja_context, content_block, index=None, content_block_id=None,
                             render_to_markdown=False):
        if isinstance(content_block, str):
            return html.escape(content_block, quote=True)
        if isinstance(content_block, list) and not render_to_markdown:
            content_block = [html.escape(item, quote=True) if isinstance(item, str) else item
                             for item in content_block]
        return super().render_content_block(jinja_context, content_block, index, content_block_id,
                                            render_to_markdown)
