"""Résumé uploads: `upload_resumes` sends public URLs to a job in batches of 200, tracked
as one operation of kind `upload` (`shared.operations.kinds.upload`) whose report says
how many were parsed and failed, and the job's new top 5 with the newcomers marked."""

from shared.actions.uploads.follow import follow_upload, upload_step
from shared.actions.uploads.models import Chunk, UploadPreview, UploadReport, UploadStarted
from shared.actions.uploads.report import report_lines, upload_notice, upload_report
from shared.actions.uploads.start import KIND, upload_preview, upload_resumes
from shared.actions.uploads.urls import UPLOAD_CHUNK, UPLOAD_MAX_URLS

__all__ = [
    "KIND",
    "UPLOAD_CHUNK",
    "UPLOAD_MAX_URLS",
    "Chunk",
    "UploadPreview",
    "UploadReport",
    "UploadStarted",
    "follow_upload",
    "report_lines",
    "upload_notice",
    "upload_preview",
    "upload_report",
    "upload_resumes",
    "upload_step",
]
