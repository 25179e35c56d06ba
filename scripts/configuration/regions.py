"""Which region the pilot zone is compared with: Guang'an, the partner its plan names (长寿府办发〔2023〕12号
calls for cooperation with 广安市), on the dashboard's pages and in the leading group's briefing."""
from __future__ import annotations

from collections.abc import Iterable

PARTNER_REGION_CODE = "511600"


def default_peers(region_codes: Iterable[str], pilot_codes: Iterable[str]) -> list[str]:
    """The region compared with unless a reader chooses: Guang'an, or failing it the first other region."""
    pilots = set(pilot_codes)
    others = [code for code in region_codes if code not in pilots]
    return [PARTNER_REGION_CODE] if PARTNER_REGION_CODE in others else others[:1]
