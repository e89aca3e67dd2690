"""Record contract v1: one event record, its pydantic model and its JSON Schema.

Later versions may add fields, never rename these. ``start``/``end`` offsets are character offsets into the
article text, so ``article.text[start:end]`` gives back the words a field names.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CONTRACT_VERSION = 1

Status = Literal["occurred", "intended", "negated", "hypothetical"]
Precision = Literal["day", "month", "year", "article"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorOut(_Strict):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    code: str = Field(
        description="ISO 3166-1 alpha-3 country + CAMEO sector (USAGOV), or an organisation code"
    )
    country: str | None = None
    sector: str | None = None
    name: str | None = Field(None, description="The person's name where one was named")


class PloverOut(_Strict):
    category: str
    mode: str | None = None
    context: list[str] | None = Field(None, description="PLOVER contexts (several may apply)")


class AttributionOut(_Strict):
    speaker: ActorOut | None
    anonymous: bool


class PlaceOut(_Strict):
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class TriggerOut(_Strict):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class EventRecord(_Strict):
    """One coded event (contract v1)."""

    id: str
    article_id: str
    sentence: int = Field(ge=0)
    text: str
    source: ActorOut | None
    target: ActorOut | None
    cameo: str = Field(pattern=r"^\d{2,4}$")
    root: str = Field(pattern=r"^\d{2}$")
    plover: PloverOut | None
    quad_class: int = Field(ge=1, le=4)
    goldstein: float
    status: Status
    attribution: AttributionOut | None
    date: str | None = Field(description="YYYY-MM-DD, or null when the article has no publication date")
    date_precision: Precision
    date_text: str | None
    place: PlaceOut | None
    trigger: TriggerOut
    confidence: float = Field(ge=0, le=1)
    version: str


def json_schema() -> dict:
    """The JSON Schema of a record, as `eventcoder schema` prints it."""
    schema = EventRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://eventcoder.invalid/schema/record-v{CONTRACT_VERSION}.json"
    return schema


def dumps(record: dict) -> str:
    """Serialize one record as one deterministic JSON line (key order as built, no NaN)."""
    return json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))
