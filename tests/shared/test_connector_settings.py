"""The InstaView and Talynce settings: contract names, defaults, modes, secrets."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from shared.config import Settings


def test_defaults_use_the_emulators_in_sandbox_mode(monkeypatch):
    settings = Settings()
    assert settings.sandbox_mode
    assert (settings.instaview_mode, settings.talynce_mode) == ("emulator", "emulator")
    assert settings.instaview_base_url == "https://api.instaview.sk/v1/public"
    assert settings.talynce_base_url == "https://talynce.com/api/v1"
    assert settings.tt_gdpr_retention_days == 180
    assert settings.instaview_signature_header == "X-InstaView-Signature"
    assert settings.instaview_default_agent is None


def test_a_real_taptalent_key_without_connector_keys_turns_them_off(monkeypatch):
    monkeypatch.setenv("TAPTALENT_API_KEY", "sk_live_AbCdEfGhIjKlMnOpQrStUv")
    settings = Settings()
    assert (settings.instaview_mode, settings.talynce_mode) == ("off", "off")


def test_keys_from_the_environment_are_secrets(monkeypatch):
    monkeypatch.setenv("INSTAVIEW_API_KEY", "sk_iv_live_7Hq2Lm9Xz4Rt")
    monkeypatch.setenv("INSTAVIEW_WEBHOOK_SECRET", "whsec_iv_live_Pq8Ws3Ne")
    monkeypatch.setenv("INSTAVIEW_DEFAULT_AGENT", "Screening (English, online)")
    monkeypatch.setenv("TALYNCE_API_KEY", "tly_live_5Vb7Nc2Mx9Kd")
    monkeypatch.setenv("TT_GDPR_RETENTION_DAYS", "90")
    settings = Settings()
    assert (settings.instaview_mode, settings.talynce_mode) == ("live", "live")
    assert settings.instaview_default_agent == "Screening (English, online)"
    assert settings.tt_gdpr_retention_days == 90
    shown = repr(settings)
    for secret in ("sk_iv_live_7Hq2Lm9Xz4Rt", "whsec_iv_live_Pq8Ws3Ne", "tly_live_5Vb7Nc2Mx9Kd"):
        assert secret in settings.secrets() and secret not in shown


@pytest.mark.parametrize("days", ["0", "-3", "4000", "soon"])
def test_a_retention_outside_one_day_to_ten_years_names_the_variable(monkeypatch, days):
    monkeypatch.setenv("TT_GDPR_RETENTION_DAYS", days)
    with pytest.raises(ValidationError, match="TT_GDPR_RETENTION_DAYS"):
        Settings()
