"""The administrator's words for catalogue problems (console/catalog/problems.py): each code
with its parameters, translated. The sources are the core's English templates, kept in step by
tests/test_views_catalog_dialog.py."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from console.catalog.errors import RowError
from console.catalog.problems import Problem
from console.views.reason_text import QT_TRANSLATE_NOOP

CONTEXT = "CatalogProblem"
TEXTS: dict[Problem, str] = {
    Problem.EMPTY: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'must not be empty'),
    Problem.TOO_LONG: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'is {length} characters long; at most {limit}'),
    Problem.CONTROL_CHARACTERS: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'contains control characters'),
    Problem.NOT_WHOLE_NUMBER: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a whole number'),
    Problem.OUT_OF_RANGE: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is outside {low}..{high}'),
    Problem.BELOW_MINIMUM: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is outside at least {low}'),
    Problem.NOT_A_NUMBER: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a number'),
    Problem.NOT_SHARE_TYPE: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a share type (无条件共享, 有条件共享 or 不予共享)'),
    Problem.NOT_CAMERA_TYPE: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a camera type (球机, 半球, 固定枪机, 遥控枪机, 遥控半球, 多目全景, 多目分割, or 1-7)'),  # noqa: E501
    Problem.NOT_ONLINE_STATE: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not 在线/离线 (online/offline)'),
    Problem.NOT_RESOURCE_TYPE: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a resource type (视频监控类 or 融合通讯类)'),
    Problem.NOT_YES_NO: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not 是/否 (yes/no)'),
    Problem.NOT_A_DATE: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a date (YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日)'),
    Problem.INVALID_DATE: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a valid date'),
    Problem.NOT_A_DATETIME: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a date and time (YYYY-MM-DD HH:MM:SS)'),
    Problem.INVALID_DATETIME: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a valid date and time'),
    Problem.NOT_A_DATE_SERIAL: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a date'),
    Problem.INVALID_URL: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a valid URL'),
    Problem.NOT_STREAM_SCHEME: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'scheme {value} is not a stream address ({schemes} or a file path)'),
    Problem.NOT_STREAM_ADDRESS: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a stream address ({schemes} or a file path)'),
    Problem.NO_HOST: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} has no host'),
    Problem.CODE_AS_NUMBER: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'is a number in the sheet ({value}), so its last digits are lost; format the column as text and enter the codes again'),  # noqa: E501
    Problem.DEVICE_CODE_LENGTH: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} must be exactly 20 digits (GB/T 28181)'),
    Problem.DEVICE_CODE_CIVIL: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value}: the first 8 digits must be a civil code (行政区划)'),
    Problem.DEVICE_CODE_NOT_CAMERA: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value}: type {type} is a {device}, not a camera'),
    Problem.DEVICE_CODE_TYPE: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value}: type {type} (digits 11-13) is not a camera type ({types})'),
    Problem.DEVICE_CODE_NETWORK: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value}: network digit {digit} (digit 14) is not defined'),
    Problem.CIVIL_CODE_FORM: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} must be a civil code of 2, 4, 6 or 8 digits (行政区划代码)'),
    Problem.CIVIL_CODE_INVALID: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a valid civil code'),
    Problem.PTZ_ADDRESS_INVALID: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a usable PTZ control address (onvif://host:port)'),
    Problem.HOME_PRESET_NEEDS_PTZ: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'a home preset needs a PTZ camera ({ptz} = 是)'),
    Problem.PTZ_ADDRESS_NEEDS_PTZ: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'a PTZ control address needs a PTZ camera ({ptz} = 是)'),
    Problem.UNKNOWN_UNIT_OF_CAMERA: QT_TRANSLATE_NOOP(
        "CatalogProblem", "{value} is not a registered unit (code or name); add it with 'main.py admin unit-add' first"),  # noqa: E501
    Problem.UNKNOWN_UNIT: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} is not a registered unit (code or name)'),
    Problem.UNKNOWN_PROJECT: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'no project named {value} (neither stored nor in a project sheet of this import)'),  # noqa: E501
    Problem.NEEDS_LEGAL_BASIS: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{share} needs a legal basis (Zunyi §14)'),
    Problem.COORDINATE_MISSING: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'missing while {given} is given; give both or neither'),
    Problem.SUB_STREAM_ACCOUNT: QT_TRANSLATE_NOOP(
        "CatalogProblem", "carries another user/password than the main stream; a camera has one account (set it with 'main.py secret set-camera')"),  # noqa: E501
    Problem.SHARED_MORE_THAN_TOTAL: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{shared} is more than {total_header} ({total})'),
    Problem.DUPLICATE_COLUMN: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'the column appears twice'),
    Problem.MISSING_COLUMN: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'the header row has no such column (required)'),
    Problem.DUPLICATE_CODE: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'code {value} appears twice: row {first_row} and row {row}'),
    Problem.DUPLICATE_CODE_ELSEWHERE: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'code {value} appears twice: {first_file} {first_sheet} row {first_row} and row {row}'),  # noqa: E501
    Problem.DUPLICATE_PROJECT: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'project name {value} appears twice: row {first_row} and row {row}'),
    Problem.DUPLICATE_PROJECT_ELSEWHERE: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'project name {value} appears twice: {first_file} {first_sheet} row {first_row} and row {row}'),  # noqa: E501
    Problem.REGION_NAME_CONFLICT: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} for {code} differs from {first} in row {first_row}'),
    Problem.REGION_NAME_CONFLICT_ELSEWHERE: QT_TRANSLATE_NOOP(
        "CatalogProblem", '{value} for {code} differs from {first} in {first_file} {first_sheet} row {first_row}'),  # noqa: E501
    Problem.FILE_NOT_SPREADSHEET: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'not a spreadsheet: give an .xlsx or .csv file'),
    Problem.FILE_MISSING: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'no such file'),
    Problem.FILE_UNREADABLE: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'cannot read: {error}'),
    Problem.FILE_NO_HEADER: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'no header row naming {keys} in its first {rows} rows; is this a camera catalogue?'),  # noqa: E501
    Problem.FILE_NO_SHEET_HEADER: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'no sheet has header row naming {keys} in its first {rows} rows; is this a camera catalogue?'),  # noqa: E501
    Problem.FILE_BAD_WORKBOOK: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'not a readable workbook ({error})'),
    Problem.FILE_BAD_CSV: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'not a readable CSV file ({error})'),
    Problem.FILE_BINARY_CSV: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'not a text CSV file (binary data)'),
    Problem.FILE_ENCODING: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'not UTF-8 or GB18030 text; save the CSV as UTF-8'),
    Problem.SHEET_NO_HEADER: QT_TRANSLATE_NOOP(
        "CatalogProblem", 'sheet {sheet}: no header row naming {keys} in its first {rows} rows'),
}


def problem_text(error: RowError) -> str:
    """A row's problem in the UI's language (its English message when the code is unknown)."""
    return translated(error.code, error.params, error.message)


def translated(code: str, params: dict[str, Any], english: str) -> str:
    """Problem ``code`` with ``params`` in the UI's language; ``english`` when the code is
    unknown (a newer centre) or its parameters do not fit."""
    try:
        source = TEXTS[Problem(code)]
    except ValueError:
        return english
    try:
        return QCoreApplication.translate(CONTEXT, source).format(**params)
    except (KeyError, IndexError, ValueError):
        return english
