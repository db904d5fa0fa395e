"""What can be wrong in a catalogue spreadsheet, as codes with parameters: the console's
dialog translates them (console/views/catalog_problem_text.py), the CLI and the audit use the
English text made here. Parameters are plain values (quoted cell texts, numbers, headers), never
sentences; a new problem gets a code here and a translation in the views."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Problem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    CONTROL_CHARACTERS = "control_characters"
    NOT_WHOLE_NUMBER = "not_whole_number"
    OUT_OF_RANGE = "out_of_range"
    BELOW_MINIMUM = "below_minimum"
    NOT_A_NUMBER = "not_a_number"
    NOT_SHARE_TYPE = "not_share_type"
    NOT_CAMERA_TYPE = "not_camera_type"
    NOT_ONLINE_STATE = "not_online_state"
    NOT_RESOURCE_TYPE = "not_resource_type"
    NOT_YES_NO = "not_yes_no"
    NOT_A_DATE = "not_a_date"
    INVALID_DATE = "invalid_date"
    NOT_A_DATETIME = "not_a_datetime"
    INVALID_DATETIME = "invalid_datetime"
    NOT_A_DATE_SERIAL = "not_a_date_serial"
    INVALID_URL = "invalid_url"
    NOT_STREAM_SCHEME = "not_stream_scheme"
    NOT_STREAM_ADDRESS = "not_stream_address"
    NO_HOST = "no_host"
    CODE_AS_NUMBER = "code_as_number"
    DEVICE_CODE_LENGTH = "device_code_length"
    DEVICE_CODE_CIVIL = "device_code_civil"
    DEVICE_CODE_NOT_CAMERA = "device_code_not_camera"
    DEVICE_CODE_TYPE = "device_code_type"
    DEVICE_CODE_NETWORK = "device_code_network"
    CIVIL_CODE_FORM = "civil_code_form"
    CIVIL_CODE_INVALID = "civil_code_invalid"
    PTZ_ADDRESS_INVALID = "ptz_address_invalid"
    HOME_PRESET_NEEDS_PTZ = "home_preset_needs_ptz"
    PTZ_ADDRESS_NEEDS_PTZ = "ptz_address_needs_ptz"
    UNKNOWN_UNIT_OF_CAMERA = "unknown_unit_of_camera"
    UNKNOWN_UNIT = "unknown_unit"
    UNKNOWN_PROJECT = "unknown_project"
    NEEDS_LEGAL_BASIS = "needs_legal_basis"
    COORDINATE_MISSING = "coordinate_missing"
    SUB_STREAM_ACCOUNT = "sub_stream_account"
    SHARED_MORE_THAN_TOTAL = "shared_more_than_total"
    DUPLICATE_COLUMN = "duplicate_column"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_CODE = "duplicate_code"
    DUPLICATE_CODE_ELSEWHERE = "duplicate_code_elsewhere"
    DUPLICATE_PROJECT = "duplicate_project"
    DUPLICATE_PROJECT_ELSEWHERE = "duplicate_project_elsewhere"
    REGION_NAME_CONFLICT = "region_name_conflict"
    REGION_NAME_CONFLICT_ELSEWHERE = "region_name_conflict_elsewhere"
    # a whole file that cannot be imported
    FILE_NOT_SPREADSHEET = "file_not_spreadsheet"
    FILE_MISSING = "file_missing"
    FILE_UNREADABLE = "file_unreadable"
    FILE_NO_HEADER = "file_no_header"
    FILE_NO_SHEET_HEADER = "file_no_sheet_header"
    FILE_BAD_WORKBOOK = "file_bad_workbook"
    FILE_BAD_CSV = "file_bad_csv"
    FILE_BINARY_CSV = "file_binary_csv"
    FILE_ENCODING = "file_encoding"
    SHEET_NO_HEADER = "sheet_no_header"


# The English text of each problem ({value} is the offending cell, quoted)
TEMPLATES: dict[Problem, str] = {
    Problem.EMPTY: "must not be empty",
    Problem.TOO_LONG: "is {length} characters long; at most {limit}",
    Problem.CONTROL_CHARACTERS: "contains control characters",
    Problem.NOT_WHOLE_NUMBER: "{value} is not a whole number",
    Problem.OUT_OF_RANGE: "{value} is outside {low}..{high}",
    Problem.BELOW_MINIMUM: "{value} is outside at least {low}",
    Problem.NOT_A_NUMBER: "{value} is not a number",
    Problem.NOT_SHARE_TYPE: "{value} is not a share type (无条件共享, 有条件共享 or 不予共享)",
    Problem.NOT_CAMERA_TYPE: "{value} is not a camera type (球机, 半球, 固定枪机, 遥控枪机, "
                             "遥控半球, 多目全景, 多目分割, or 1-7)",
    Problem.NOT_ONLINE_STATE: "{value} is not 在线/离线 (online/offline)",
    Problem.NOT_RESOURCE_TYPE: "{value} is not a resource type (视频监控类 or 融合通讯类)",
    Problem.NOT_YES_NO: "{value} is not 是/否 (yes/no)",
    Problem.NOT_A_DATE: "{value} is not a date (YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日)",
    Problem.INVALID_DATE: "{value} is not a valid date",
    Problem.NOT_A_DATETIME: "{value} is not a date and time (YYYY-MM-DD HH:MM:SS)",
    Problem.INVALID_DATETIME: "{value} is not a valid date and time",
    Problem.NOT_A_DATE_SERIAL: "{value} is not a date",
    Problem.INVALID_URL: "{value} is not a valid URL",
    Problem.NOT_STREAM_SCHEME: "scheme {value} is not a stream address ({schemes} or a file "
                               "path)",
    Problem.NOT_STREAM_ADDRESS: "{value} is not a stream address ({schemes} or a file path)",
    Problem.NO_HOST: "{value} has no host",
    Problem.CODE_AS_NUMBER: "is a number in the sheet ({value}), so its last digits are lost; "
                            "format the column as text and enter the codes again",
    Problem.DEVICE_CODE_LENGTH: "{value} must be exactly 20 digits (GB/T 28181)",
    Problem.DEVICE_CODE_CIVIL: "{value}: the first 8 digits must be a civil code (行政区划)",
    Problem.DEVICE_CODE_NOT_CAMERA: "{value}: type {type} is a {device}, not a camera",
    Problem.DEVICE_CODE_TYPE: "{value}: type {type} (digits 11-13) is not a camera type "
                              "({types})",
    Problem.DEVICE_CODE_NETWORK: "{value}: network digit {digit} (digit 14) is not defined",
    Problem.CIVIL_CODE_FORM: "{value} must be a civil code of 2, 4, 6 or 8 digits (行政区划代码)",
    Problem.CIVIL_CODE_INVALID: "{value} is not a valid civil code",
    Problem.PTZ_ADDRESS_INVALID: "{value} is not a usable PTZ control address "
                                 "(onvif://host:port)",
    Problem.HOME_PRESET_NEEDS_PTZ: "a home preset needs a PTZ camera ({ptz} = 是)",
    Problem.PTZ_ADDRESS_NEEDS_PTZ: "a PTZ control address needs a PTZ camera ({ptz} = 是)",
    Problem.UNKNOWN_UNIT_OF_CAMERA: "{value} is not a registered unit (code or name); add it "
                                    "with 'main.py admin unit-add' first",
    Problem.UNKNOWN_UNIT: "{value} is not a registered unit (code or name)",
    Problem.UNKNOWN_PROJECT: "no project named {value} (neither stored nor in a project sheet "
                             "of this import)",
    Problem.NEEDS_LEGAL_BASIS: "{share} needs a legal basis (Zunyi §14)",
    Problem.COORDINATE_MISSING: "missing while {given} is given; give both or neither",
    Problem.SUB_STREAM_ACCOUNT: "carries another user/password than the main stream; a camera "
                                "has one account (set it with 'main.py secret set-camera')",
    Problem.SHARED_MORE_THAN_TOTAL: "{shared} is more than {total_header} ({total})",
    Problem.DUPLICATE_COLUMN: "the column appears twice",
    Problem.MISSING_COLUMN: "the header row has no such column (required)",
    Problem.DUPLICATE_CODE: "code {value} appears twice: row {first_row} and row {row}",
    Problem.DUPLICATE_CODE_ELSEWHERE: "code {value} appears twice: {first_file} {first_sheet} "
                                      "row {first_row} and row {row}",
    Problem.DUPLICATE_PROJECT: "project name {value} appears twice: row {first_row} and row "
                               "{row}",
    Problem.DUPLICATE_PROJECT_ELSEWHERE: "project name {value} appears twice: {first_file} "
                                         "{first_sheet} row {first_row} and row {row}",
    Problem.REGION_NAME_CONFLICT: "{value} for {code} differs from {first} in row {first_row}",
    Problem.REGION_NAME_CONFLICT_ELSEWHERE: "{value} for {code} differs from {first} in "
                                            "{first_file} {first_sheet} row {first_row}",
    Problem.FILE_NOT_SPREADSHEET: "not a spreadsheet: give an .xlsx or .csv file",
    Problem.FILE_MISSING: "no such file",
    Problem.FILE_UNREADABLE: "cannot read: {error}",
    Problem.FILE_NO_HEADER: "no header row naming {keys} in its first {rows} rows; is this a "
                            "camera catalogue?",
    Problem.FILE_NO_SHEET_HEADER: "no sheet has header row naming {keys} in its first {rows} "
                                  "rows; is this a camera catalogue?",
    Problem.FILE_BAD_WORKBOOK: "not a readable workbook ({error})",
    Problem.FILE_BAD_CSV: "not a readable CSV file ({error})",
    Problem.FILE_BINARY_CSV: "not a text CSV file (binary data)",
    Problem.FILE_ENCODING: "not UTF-8 or GB18030 text; save the CSV as UTF-8",
    Problem.SHEET_NO_HEADER: "sheet {sheet}: no header row naming {keys} in its first {rows} "
                             "rows",
}


def english(code: str, params: dict[str, Any]) -> str:
    """The English text of a problem (the code itself when unknown: a newer centre)."""
    try:
        return TEMPLATES[Problem(code)].format(**params)
    except (ValueError, KeyError, IndexError):
        return code
