"""Codes stored in the audit trail and returned by rules.

They are data: stable identifiers, never translated sentences. The views translate them
(console/views/reason_text.py).
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a command was accepted or refused."""

    OK = "OK"
    # login and session
    TERMINAL_NOT_REGISTERED = "TERMINAL_NOT_REGISTERED"
    TERMINAL_NOT_BOUND = "TERMINAL_NOT_BOUND"
    IDENTITY_UNAVAILABLE = "IDENTITY_UNAVAILABLE"
    UNKNOWN_ACCOUNT = "UNKNOWN_ACCOUNT"
    BAD_PASSWORD = "BAD_PASSWORD"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"
    USER_DISABLED = "USER_DISABLED"
    PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED"
    PASSWORD_EXPIRED = "PASSWORD_EXPIRED"
    PASSWORD_TOO_WEAK = "PASSWORD_TOO_WEAK"
    PASSWORD_REUSED = "PASSWORD_REUSED"
    SESSION_ACTIVE_ELSEWHERE = "SESSION_ACTIVE_ELSEWHERE"
    SESSION_STALE = "SESSION_STALE"
    SESSION_ENDED = "SESSION_ENDED"
    SUPERSEDED_ON_SAME_TERMINAL = "SUPERSEDED_ON_SAME_TERMINAL"
    LOGOUT = "LOGOUT"
    IDLE = "IDLE"
    ENDED_BY_ADMIN = "ENDED_BY_ADMIN"
    SESSION_LOCKED = "SESSION_LOCKED"      # the idle lock is in force: unlock first
    # the centre server: who is calling, from where (R2 on the server)
    NO_CLIENT_CERTIFICATE = "NO_CLIENT_CERTIFICATE"  # mutual TLS without a certificate
    CERTIFICATE_UNKNOWN = "CERTIFICATE_UNKNOWN"      # signed by the CA, no terminal holds it
    TERMINAL_REVOKED = "TERMINAL_REVOKED"            # the terminal's enrolment was revoked
    WRONG_SOURCE_IP = "WRONG_SOURCE_IP"    # the connection comes from another address
    WRONG_MAC = "WRONG_MAC"                # the reported or neighbour-table MAC differs
    SESSION_OF_ANOTHER_TERMINAL = "SESSION_OF_ANOTHER_TERMINAL"  # token used elsewhere
    NOT_AUTHENTICATED = "NOT_AUTHENTICATED"  # no or unknown session token
    ENROLMENT_CODE_INVALID = "ENROLMENT_CODE_INVALID"  # unknown, used, expired or wrong code
    VERSION_TOO_OLD = "VERSION_TOO_OLD"    # below the centre's minimum terminal version
    BODY_TOO_LARGE = "BODY_TOO_LARGE"
    NO_SUCH_ENDPOINT = "NO_SUCH_ENDPOINT"
    SERVER_ERROR = "SERVER_ERROR"
    # administration
    NOT_PERMITTED = "NOT_PERMITTED"
    OTHER_UNIT = "OTHER_UNIT"              # a supervisor's command on another unit's record
    INVALID_INPUT = "INVALID_INPUT"
    DUPLICATE = "DUPLICATE"
    NOT_FOUND = "NOT_FOUND"
    DEMO_TERMINAL_MOVED = "DEMO_TERMINAL_MOVED"
    # catalogue
    IMPORT_REJECTED = "IMPORT_REJECTED"
    # access to cameras (R5-R7, R15)
    UNKNOWN_CAMERA = "UNKNOWN_CAMERA"
    NOT_SHARED = "NOT_SHARED"              # not-shared camera, viewer outside the owner unit
    NO_GRANT = "NO_GRANT"                  # no grant covers this camera and right
    GRANT_EXPIRED = "GRANT_EXPIRED"
    GRANT_NOT_YET_VALID = "GRANT_NOT_YET_VALID"
    GRANT_REVOKED = "GRANT_REVOKED"
    PURPOSE_REQUIRED = "PURPOSE_REQUIRED"
    VIEW_CLOSED = "VIEW_CLOSED"            # the operator closed the view
    NO_STREAM = "NO_STREAM"                # the camera has no stream address
    UNSUPPORTED_CODEC = "UNSUPPORTED_CODEC"  # the camera's codec is not relayed (not H.264/5)
    LAYOUT_CHANGED = "LAYOUT_CHANGED"      # the tile went away with a smaller layout
    WALL_SCREEN_REMOVED = "WALL_SCREEN_REMOVED"  # the wall output's screen was disconnected
    VIEW_LEASE_LOST = "VIEW_LEASE_LOST"    # the terminal stopped renewing the view's lease
    VIEW_UNKNOWN = "VIEW_UNKNOWN"          # no such open view of this session
    CENTRE_UNREACHABLE = "CENTRE_UNREACHABLE"  # the terminal lost the centre: video blanked
    # PTZ control (R6, R7, R10)
    NOT_STEERABLE = "NOT_STEERABLE"        # not a PTZ camera, or no control address known
    PTZ_HELD = "PTZ_HELD"                  # another operator of equal or higher priority
    PTZ_RETURNING = "PTZ_RETURNING"        # control just ended; the camera is going home
    PTZ_RELEASED = "PTZ_RELEASED"          # the operator released control
    PTZ_TAKEN_OVER = "PTZ_TAKEN_OVER"      # a higher priority took control
    PTZ_MOVED_ELSEWHERE = "PTZ_MOVED_ELSEWHERE"  # the same operator took it in another view
    PTZ_IDLE = "PTZ_IDLE"                  # no command for ptz_idle_seconds
    PTZ_VIEW_CLOSED = "PTZ_VIEW_CLOSED"    # the tile steering it closed or switched camera
    PTZ_CONSOLE_LOST = "PTZ_CONSOLE_LOST"  # its console stopped beating (crash, kill, cut)
    PTZ_CONSOLE_EXIT = "PTZ_CONSOLE_EXIT"  # its console closed
    PTZ_CAMERA_ERROR = "PTZ_CAMERA_ERROR"  # the camera did not answer or refused
    PTZ_NOT_AT_HOME = "PTZ_NOT_AT_HOME"    # sent home, but its picture is not the home one
    PTZ_NO_PICTURE = "PTZ_NO_PICTURE"      # no picture could be had from the camera
    # duty roster, on-duty log, handover and review (R12)
    SHIFT_LOCKED = "SHIFT_LOCKED"          # the shift was approved: nothing changes it now
    NOT_ON_SHIFT = "NOT_ON_SHIFT"          # the person is not on that shift's roster
    # The city platform (WVP-GB28181-pro, console/platforms/wvp.py)
    PLATFORM_NOT_CONFIGURED = "PLATFORM_NOT_CONFIGURED"  # no platform account on the centre
    PLATFORM_UNREACHABLE = "PLATFORM_UNREACHABLE"  # no connection (down, refused, DNS)
    PLATFORM_SLOW = "PLATFORM_SLOW"              # no answer within the timeout (10 s)
    PLATFORM_MALFORMED = "PLATFORM_MALFORMED"    # an answer that is not the expected JSON
    PLATFORM_LOGIN_FAILED = "PLATFORM_LOGIN_FAILED"  # the account refused (or 401 twice)
    PLATFORM_DEVICE_TIMEOUT = "PLATFORM_DEVICE_TIMEOUT"  # WVP 486/408: the device did not answer
    PLATFORM_FAILED = "PLATFORM_FAILED"          # WVP 100: the platform says it failed
    PLATFORM_BAD_REQUEST = "PLATFORM_BAD_REQUEST"  # WVP 400/403: parameters or rights
    PLATFORM_NOT_FOUND = "PLATFORM_NOT_FOUND"    # WVP 404: unknown device or channel
    PLATFORM_ERROR = "PLATFORM_ERROR"            # WVP 500 or an unknown code
    PLATFORM_NO_MEDIA_URL = "PLATFORM_NO_MEDIA_URL"  # play/start gave no RTSP address


class Action(StrEnum):
    """What an audit record is about."""

    LOGIN = "LOGIN"
    LOGOUT = "LOGOUT"
    SESSION_END = "SESSION_END"
    PASSWORD_CHANGE = "PASSWORD_CHANGE"
    ACCOUNT_LOCK = "ACCOUNT_LOCK"
    SCREEN_LOCK = "SCREEN_LOCK"
    SCREEN_UNLOCK = "SCREEN_UNLOCK"
    UNIT_CREATE = "UNIT_CREATE"
    USER_CREATE = "USER_CREATE"
    TERMINAL_CREATE = "TERMINAL_CREATE"
    TERMINAL_UPDATE = "TERMINAL_UPDATE"
    BIND = "BIND"
    UNBIND = "UNBIND"
    USER_DISABLE = "USER_DISABLE"
    USER_ENABLE = "USER_ENABLE"
    PASSWORD_RESET = "PASSWORD_RESET"
    POLICY_SET = "POLICY_SET"
    SECRET_SET = "SECRET_SET"
    DEMO_SEED = "DEMO_SEED"
    CATALOG_IMPORT = "CATALOG_IMPORT"
    CATALOG_EXPORT = "CATALOG_EXPORT"
    GROUP_SET = "GROUP_SET"
    GRANT_ISSUE = "GRANT_ISSUE"
    GRANT_EMERGENCY = "GRANT_EMERGENCY"
    GRANT_REVOKE = "GRANT_REVOKE"
    GRANT_LIST = "GRANT_LIST"              # grants listed (registered when refused)
    VIEW_OPEN = "VIEW_OPEN"
    VIEW_CLOSE = "VIEW_CLOSE"
    PRIVACY_MASK_SET = "PRIVACY_MASK_SET"        # a camera's privacy masks set or replaced (R14)
    PRIVACY_MASK_CLEAR = "PRIVACY_MASK_CLEAR"    # a camera's privacy masks removed
    PRIVACY_EXEMPT_SET = "PRIVACY_EXEMPT_SET"    # the roles that see cameras unmasked
    VIEW_STREAM = "VIEW_STREAM"     # which stream (main/sub) an open view plays from now on
    WALL_PRESET_SAVE = "WALL_PRESET_SAVE"        # a wall preset saved (or replaced)
    WALL_PRESET_DELETE = "WALL_PRESET_DELETE"    # a wall preset deleted
    WALL_PRESET_RECALL = "WALL_PRESET_RECALL"    # a wall preset read to be shown on the wall
    PTZ_START = "PTZ_START"          # PTZ control taken (or refused: outcome denied)
    PTZ_TAKEOVER = "PTZ_TAKEOVER"    # a higher priority took control from someone
    PTZ_PRESET = "PTZ_PRESET"        # a preset called during control
    PTZ_END = "PTZ_END"              # control ended (why; moves summarised)
    PTZ_RECOVER = "PTZ_RECOVER"      # a sweep took over the return of a lost console's camera
    PTZ_RETURN = "PTZ_RETURN"        # the camera sent home: result and the position read back
    PTZ_RETURN_FAULT = "PTZ_RETURN_FAULT"  # the return did not verify after the retries
    PTZ_HOME_PICTURE = "PTZ_HOME_PICTURE"  # a camera's reference picture at home recorded
    CAPTURE_TOOL_ADD = "CAPTURE_TOOL_ADD"        # an extra capture program listed (R9)
    CAPTURE_TOOL_REMOVE = "CAPTURE_TOOL_REMOVE"  # an extra capture program taken off the list
    CAPTURE_DETECTED = "CAPTURE_DETECTED"  # a capture program runs: video outputs blanked
    CAPTURE_ENDED = "CAPTURE_ENDED"        # it ended: video shown again
    CAPTURE_KEY_BLOCKED = "CAPTURE_KEY_BLOCKED"  # a screenshot shortcut consumed (R9)
    TERMINAL_ENROL = "TERMINAL_ENROL"      # a terminal's certificate signed (or refused)
    TERMINAL_ENROL_CODE = "TERMINAL_ENROL_CODE"  # a one-time enrolment code issued
    TERMINAL_REVOKE = "TERMINAL_REVOKE"    # a terminal's certificate revoked
    CALLER_REFUSED = "CALLER_REFUSED"      # a request refused for who or where it came from
    GRANT_END = "GRANT_END"                # a grant reached its end (registered once)
    SERVER_START = "SERVER_START"          # a centre server instance started
    AUDIT_READ = "AUDIT_READ"              # the usage register read through the API (R11)
    AUDIT_VERIFY = "AUDIT_VERIFY"          # the usage register verified through the API
    AUDIT_TRACE = "AUDIT_TRACE"            # a session traced from its watermark code (leak)
    FAULT_REPORT = "FAULT_REPORT"          # a camera fault reported from a tile (R13)
    FAULT_SEND = "FAULT_SEND"              # a fault report sent to the maintainer unit
    FAULT_FIX = "FAULT_FIX"                # the maintainer reports the fault repaired
    FAULT_VERIFY = "FAULT_VERIFY"          # the repair checked on the picture: closed
    FAULT_REOPEN = "FAULT_REOPEN"          # not repaired after all: back to the maintainer
    FAULT_LIST = "FAULT_LIST"              # fault reports listed (registered when refused)
    DUTY_SHIFT_ADD = "DUTY_SHIFT_ADD"      # a shift put on a unit's duty roster (R12)
    DUTY_SHIFT_CHANGE = "DUTY_SHIFT_CHANGE"  # its people or times changed before approval
    DUTY_LOG_ADD = "DUTY_LOG_ADD"          # an on-duty log entry written
    DUTY_LOG_CORRECT = "DUTY_LOG_CORRECT"  # a correction: a new entry pointing at the old one
    DUTY_HANDOVER_SIGN = "DUTY_HANDOVER_SIGN"      # the outgoing officer signed a handover
    DUTY_HANDOVER_ACCEPT = "DUTY_HANDOVER_ACCEPT"  # the incoming officer accepted it
    DUTY_HANDOVER_REFUSE = "DUTY_HANDOVER_REFUSE"  # the incoming officer refused it (why)
    DUTY_REVIEW_APPROVE = "DUTY_REVIEW_APPROVE"    # a supervisor approved a shift: locked
    DUTY_REVIEW_RETURN = "DUTY_REVIEW_RETURN"      # returned to the shift with a comment
    DUTY_READ = "DUTY_READ"                # the roster, logs or handovers read (refusals)
    DUTY_REPORT = "DUTY_REPORT"            # a shift report (PDF, text only) made
    PLATFORM_SET = "PLATFORM_SET"          # the city platform's address and account set
    CATALOG_SYNC = "CATALOG_SYNC"          # the catalogue synchronised from the city platform
    ONLINE_RATES = "ONLINE_RATES"          # the online rates read (only refusals registered)
    DIAGNOSIS_READ = "DIAGNOSIS_READ"      # the video diagnosis state read (only refusals)


class Outcome(StrEnum):
    OK = "ok"
    DENIED = "denied"


class Role(StrEnum):
    DUTY_OFFICER = "duty_officer"
    WALL_OPERATOR = "wall_operator"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"


class UserState(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"


class ShareType(StrEnum):
    """共享类型 (R5): who may see a camera without asking."""

    UNCONDITIONAL = "unconditional"  # 无条件共享: live view for every unit
    CONDITIONAL = "conditional"      # 有条件共享: only with a grant
    NOT_SHARED = "not_shared"        # 不予共享: the owner unit only


class Right(StrEnum):
    """Permission kinds (R6)."""

    LIVE = "live"          # 实时预览
    PTZ = "ptz"            # 云台控制
    PLAYBACK = "playback"  # 录像回放
    DOWNLOAD = "download"  # 视频下载
