"""Every candidate rule of seed 001: the client refuses before sending, naming the field,
and the emulator refuses the same body with the documented error envelope."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from shared.instaview.errors import InstaViewValidationError, InvalidRequestError
from tests.shared.instaview.helpers import next_year, valid_candidate

JOB = "123e4567-e89b-12d3-a456-426614174000"


def deep(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {"leaf": 1}
    for _ in range(levels - 1):
        value = {"next": value}
    return value


# (what breaks, the wire field named, fields overriding a valid candidate, words in the message)
BROKEN: list[tuple[str, str, dict[str, Any], str]] = [
    ("empty first name", "firstName", {"first_name": ""}, "1 to 100"),
    ("first name of 101", "firstName", {"first_name": "A" * 101}, "got 101"),
    ("blank last name", "lastName", {"last_name": "   "}, "1 to 100"),
    ("no GDPR expiry", "gdprExpiryDate", {"gdpr_expiry_date": None}, "is required"),
    ("expiry not ISO", "gdprExpiryDate", {"gdpr_expiry_date": "next week"}, "ISO 8601"),
    ("expiry in the past", "gdprExpiryDate", {"gdpr_expiry_date": "2020-01-31"}, "future"),
    ("expiry today", "gdprExpiryDate", {"gdpr_expiry_date": date.today().isoformat()}, "future"),
    ("bad e-mail", "email", {"email": "ana.costa.example.com"}, "e-mail"),
    ("phone not E.164", "phoneNumber", {"phone_number": "0915 123 456"}, "E.164"),
    ("phone with a leading 0", "phoneNumber", {"phone_number": "+0915123456"}, "E.164"),
    ("neither e-mail nor phone", "email", {"email": None}, "at least one"),
    ("no job ids", "jobIds", {"job_ids": []}, "1 to 50"),
    ("51 job ids", "jobIds", {"job_ids": [JOB] * 51}, "1 to 50"),
    ("a job id that is no UUID", "jobIds", {"job_ids": ["4201"]}, "UUID"),
    ("metadata over 10 KB", "metadata", {"metadata": {"notes": "x" * 10_300}}, "10 KB"),
    ("metadata 6 levels deep", "metadata", {"metadata": deep(6)}, "5 levels"),
    ("metadata with 51 keys", "metadata", {"metadata": {f"k{i}": i for i in range(51)}}, "50 keys"),
    ("CV text of 50,001", "cvText", {"cv_text": "x" * 50_001}, "50,000"),
    ("unknown gender", "gender", {"gender": "other"}, "male, female"),
]


def wire(fields: dict[str, Any]) -> dict[str, Any]:
    names = {
        "first_name": "firstName",
        "last_name": "lastName",
        "gdpr_expiry_date": "gdprExpiryDate",
        "phone_number": "phoneNumber",
        "job_ids": "jobIds",
        "cv_text": "cvText",
    }
    return {names.get(k, k): v for k, v in fields.items() if v is not None}


@pytest.mark.parametrize(
    ("label", "field", "overrides", "words"), BROKEN, ids=[b[0] for b in BROKEN]
)
async def test_client_refuses_before_sending(client, label, field, overrides, words):
    with pytest.raises(InstaViewValidationError) as info:
        await client.candidates.create(**valid_candidate(**overrides))
    assert field in info.value.problems
    assert words in info.value.problems[field]
    assert str(info.value).startswith("InstaView would refuse this candidate.")
    assert client.request_count == 0


@pytest.mark.parametrize(
    ("label", "field", "overrides", "words"), BROKEN, ids=[b[0] for b in BROKEN]
)
async def test_emulator_refuses_with_the_error_envelope(emulator, label, field, overrides, words):
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app), base_url="http://iv"
    ) as http:
        answer = await http.post(
            "/v1/public/candidates",
            json=wire(valid_candidate(**overrides)),
            headers={"Authorization": f"Bearer {emulator.api_key}"},
        )
    assert answer.status_code == 400
    body = answer.json()
    assert body["success"] is False and body["data"] is None and body["timestamp"]
    assert body["error"]["code"] == "VALIDATION_ERROR"
    named = {d["field"]: d["message"] for d in body["error"]["details"]}
    assert words in named[field]


async def test_the_limits_themselves_are_allowed(client, emulator):
    job = emulator.job_id("Data Scientist")
    metadata = {"a": deep(4), **{f"k{i}": i for i in range(45)}}  # 5 levels, 50 keys in all
    candidate = await client.candidates.create(
        **valid_candidate(
            first_name="A" * 100,
            email=None,
            phone_number="+421915123456",
            job_ids=[job],
            metadata=metadata,
            cv_text="y" * 50_000,
            gender="female",
        )
    )
    assert candidate.first_name == "A" * 100
    assert candidate.job_ids == [job] and candidate.job_id == job
    assert candidate.phone_number == "+421915123456" and candidate.email is None
    assert candidate.metadata == metadata and candidate.gender == "female"
    assert candidate.status == "APPLIED"


async def test_an_expiry_as_a_future_datetime_is_kept_as_a_date(client):
    moment = datetime.now(UTC) + timedelta(hours=30)
    candidate = await client.candidates.create(**valid_candidate(gdpr_expiry_date=moment))
    assert candidate.gdpr_expiry_date == moment.date().isoformat()


async def test_job_ids_take_precedence_over_the_deprecated_job_id(emulator):
    first, second = emulator.job_id("Data Scientist"), emulator.job_id("Product Designer")
    body = wire(valid_candidate()) | {"jobId": first, "jobIds": [second]}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app), base_url="http://iv"
    ) as http:
        answer = await http.post(
            "/v1/public/candidates",
            json=body,
            headers={"Authorization": f"Bearer {emulator.api_key}"},
        )
    assert answer.status_code == 201
    assert answer.json()["data"]["jobIds"] == [second]


async def test_an_unknown_job_comes_back_from_the_emulator_naming_job_ids(client):
    with pytest.raises(InvalidRequestError) as info:
        await client.candidates.create(**valid_candidate(job_ids=[JOB]))
    assert info.value.status_code == 400
    assert "jobIds" in info.value.details
    assert str(info.value).startswith("InstaView rejected the request: jobIds: job ")


async def test_the_cv_is_anonymised_and_counts_start_at_zero(client):
    candidate = await client.candidates.create(
        **valid_candidate(cv_text="Ana Costa\nana.costa@example.com, +44 20 7946 0958\nPython")
    )
    assert candidate.cv_text == "[NAME] [NAME]\n[EMAIL], [PHONE]\nPython"
    assert candidate.analysis_count == 0 and candidate.interview_count == 0
    assert candidate.links and candidate.links["analyses"].endswith(f"/{candidate.id}/analyses")
    fetched = await client.candidates.get(candidate.id)
    assert fetched.gdpr_expiry_date == next_year()


async def test_a_typo_in_a_field_name_is_named(client):
    with pytest.raises(InstaViewValidationError) as info:
        await client.candidates.create(**valid_candidate(), firstname="Ana")
    assert "firstname" in info.value.problems
    assert client.request_count == 0
