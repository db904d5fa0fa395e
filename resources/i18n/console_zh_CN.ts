<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CameraDock</name>
    <message>
        <source>Monitoring points</source>
        <translation>监控点</translation>
    </message>
    <message>
        <source>Search monitoring points</source>
        <translation>搜索监控点</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>No monitoring points yet.
The catalogue appears here once
the catalogue module is connected.</source>
        <translation>暂无监控点。
资源目录模块接入后，
监控点目录将显示在这里。</translation>
    </message>
</context>
<context>
    <name>EmptyTile</name>
    <message>
        <source>Drag a monitoring point here to play</source>
        <translation>拖入监控点以播放</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Screen locked — {name} ({account})</source>
        <translation>屏幕已锁定 — {name} ({account})</translation>
    </message>
    <message>
        <source>Enter the password of {account} to unlock.</source>
        <translation>请输入账号 {account} 的密码以解锁。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Video Sharing Console — Log in</source>
        <translation>视频共享调阅终端 — 登录</translation>
    </message>
    <message>
        <source>Video Sharing Console</source>
        <translation>视频共享调阅终端</translation>
    </message>
    <message>
        <source>City public-video sharing platform · dedicated terminal</source>
        <translation>城市公共视频共享平台 · 专用终端</translation>
    </message>
    <message>
        <source>Personal account</source>
        <translation>本人账号</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>This terminal</source>
        <translation>本机终端</translation>
    </message>
    <message>
        <source>Detecting…</source>
        <translation>正在检测…</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC 地址</translation>
    </message>
    <message>
        <source>Network interface</source>
        <translation>网卡</translation>
    </message>
    <message>
        <source>Identity unavailable</source>
        <translation>无法获取网络身份</translation>
    </message>
    <message>
        <source>Unregistered terminal</source>
        <translation>未登记终端</translation>
    </message>
    <message>
        <source>Demo database — password for every account: {password}</source>
        <translation>演示数据库 — 各账号密码均为 {password}</translation>
    </message>
    <message>
        <source>{name} · {role}</source>
        <translation>{name}（{role}）</translation>
    </message>
    <message>
        <source>Enter the account.</source>
        <translation>请输入账号。</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The console database cannot be reached: {error}</source>
        <translation>无法连接数据库：{error}</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Video Sharing Console — {name} ({account})</source>
        <translation>视频共享调阅终端 — {name} ({account})</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>Lock screen</source>
        <translation>锁定屏幕</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Operator {name} ({account})</source>
        <translation>操作员：{name} ({account})</translation>
    </message>
    <message>
        <source>Terminal {terminal} · {ip}</source>
        <translation>终端：{terminal} · {ip}</translation>
    </message>
    <message>
        <source>Session {code}</source>
        <translation>会话：{code}</translation>
    </message>
    <message>
        <source>The console database cannot be reached; retrying… ({error})</source>
        <translation>无法连接数据库，正在重试…（{error}）</translation>
    </message>
    <message>
        <source>Session ended</source>
        <translation>会话已结束</translation>
    </message>
    <message>
        <source>Log in again to continue.</source>
        <translation>请重新登录。</translation>
    </message>
    <message>
        <source>Video Sharing Console</source>
        <translation>视频共享调阅终端</translation>
    </message>
    <message>
        <source>Version {version}

Terminal: {terminal} ({location})
IP address: {ip}
MAC address: {mac}
Network interface: {interface}
Session: {code}</source>
        <translation>版本 {version}

终端：{terminal}（{location}）
IP 地址：{ip}
MAC 地址：{mac}
网卡：{interface}
会话：{code}</translation>
    </message>
    <message>
        <source>The password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>The console database cannot be reached: {error}</source>
        <translation>无法连接数据库：{error}</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>New password for {account}</source>
        <translation>为账号 {account} 设置新密码</translation>
    </message>
    <message>
        <source>At least {min_length} characters, using three of: lower-case letters, upper-case letters, digits, symbols. It must not contain the account name.</source>
        <translation>密码规则：至少 {min_length} 位，含大写字母、小写字母、数字、符号中的三类，不含账号名。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Confirm new password</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <source>Enter the current password.</source>
        <translation>请输入当前密码。</translation>
    </message>
    <message>
        <source>Enter the new password.</source>
        <translation>请输入新密码。</translation>
    </message>
    <message>
        <source>The two new passwords do not match.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>ReasonText</name>
    <message>
        <source>Done.</source>
        <translation>操作成功。</translation>
    </message>
    <message>
        <source>This computer is not a registered terminal.</source>
        <translation>本机不是已登记的专用终端。</translation>
    </message>
    <message>
        <source>This account is not authorised to log in from this terminal.</source>
        <translation>该账号未获准在本终端登录。</translation>
    </message>
    <message>
        <source>The network identity (IP and MAC address) of this computer cannot be determined.</source>
        <translation>无法确定本机的网络身份（IP 地址和 MAC 地址）。</translation>
    </message>
    <message>
        <source>Wrong account or password.</source>
        <translation>账号或密码错误。</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <source>The account is locked after repeated wrong passwords.</source>
        <translation>密码连续输错次数过多，账号已被锁定。</translation>
    </message>
    <message>
        <source>This account has been disabled. Contact the system administrator if in doubt.</source>
        <translation>该账号已被停用，如有疑问请联系系统管理员。</translation>
    </message>
    <message>
        <source>The password must be changed before first use (or after it was reset).</source>
        <translation>首次登录或密码被重置后，须先修改密码。</translation>
    </message>
    <message>
        <source>The password has expired and must be changed.</source>
        <translation>密码已过期，须修改后方可登录。</translation>
    </message>
    <message>
        <source>The new password is too weak.</source>
        <translation>新密码强度不足。</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
    </message>
    <message>
        <source>This account is already logged in on another terminal.</source>
        <translation>该账号已在其他终端登录。</translation>
    </message>
    <message>
        <source>The session was ended because this console stopped responding.</source>
        <translation>本终端长时间未响应，会话已结束。</translation>
    </message>
    <message>
        <source>The session has ended.</source>
        <translation>会话已结束。</translation>
    </message>
    <message>
        <source>The session was replaced by a new login on this terminal.</source>
        <translation>本终端已有新的登录，原会话已结束。</translation>
    </message>
    <message>
        <source>Logged out.</source>
        <translation>已注销。</translation>
    </message>
    <message>
        <source>Locked after a period without input.</source>
        <translation>长时间无操作，屏幕已锁定。</translation>
    </message>
    <message>
        <source>The session was ended by the system administrator.</source>
        <translation>会话已被系统管理员结束。</translation>
    </message>
    <message>
        <source>You are not permitted to do this.</source>
        <translation>无权执行此操作。</translation>
    </message>
    <message>
        <source>The input is not valid.</source>
        <translation>输入内容无效。</translation>
    </message>
    <message>
        <source>This record already exists.</source>
        <translation>该记录已存在。</translation>
    </message>
    <message>
        <source>The record was not found.</source>
        <translation>未找到该记录。</translation>
    </message>
    <message>
        <source>The demo terminal now uses this computer&apos;s network identity.</source>
        <translation>演示终端已改用本机的网络身份。</translation>
    </message>
    <message>
        <source>Give its IP address {ip} and MAC address {mac} to the system administrator to have it registered.</source>
        <translation>请将本机 IP 地址 {ip} 和 MAC 地址 {mac} 提供给系统管理员进行登记。</translation>
    </message>
    <message>
        <source>Terminal: {terminal}. Ask the system administrator to bind the account to it.</source>
        <translation>当前终端：{terminal}。如需在此登录，请联系系统管理员为账号绑定本终端。</translation>
    </message>
    <message>
        <source>Check the network connection. ({error})</source>
        <translation>请检查网络连接。（{error}）</translation>
    </message>
    <message>
        <source>{remaining} more wrong attempt(s) will lock the account.</source>
        <translation>再输错 {remaining} 次，账号将被锁定。</translation>
    </message>
    <message>
        <source>Try again after {until}, or ask the system administrator to reset the password.</source>
        <translation>请于 {until} 后重试，或联系系统管理员重置密码。</translation>
    </message>
    <message>
        <source>The live session is on terminal {terminal} ({ip}), logged in at {since}. Log out there first.</source>
        <translation>当前会话位于终端 {terminal}（{ip}），登录时间 {since}。请先在该终端注销。</translation>
    </message>
    <message>
        <source>It needs at least {min_length} characters.</source>
        <translation>长度至少 {min_length} 位。</translation>
    </message>
    <message>
        <source>It must use three of: lower-case letters, upper-case letters, digits, symbols.</source>
        <translation>须包含小写字母、大写字母、数字、符号中的至少三类。</translation>
    </message>
    <message>
        <source>It must not contain the account name.</source>
        <translation>不得包含账号名。</translation>
    </message>
    <message>
        <source>Duty officer</source>
        <translation>值班员</translation>
    </message>
    <message>
        <source>Wall operator</source>
        <translation>大屏操作员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>值班长</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>Refused ({code}).</source>
        <translation>操作被拒绝（{code}）。</translation>
    </message>
</context>
</TS>
