"""The service process (`python -m bot`, `tt serve`)."""

from shared.service.app import Service, Surface, run

__all__ = ["Service", "Surface", "run"]
