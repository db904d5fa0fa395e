<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Application</name>
    <message>
        <source>Video Sharing Console</source>
        <translation>视频共享调阅终端</translation>
    </message>
</context>
<context>
    <name>CameraDetails</name>
    <message>
        <source>Select a monitoring point to see its details.</source>
        <translation>选择一个监控点以查看详情。</translation>
    </message>
    <message>
        <source>Record at home…</source>
        <translation>记录看守位画面…</translation>
    </message>
    <message>
        <source>The centre sends the camera to its home preset and records its picture there; returns home through the city platform are then verified against it.</source>
        <translation>中心将摄像机转到看守位并在该处记录画面；此后经城市平台的归位以此画面核验。</translation>
    </message>
</context>
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
        <source>Name, code or location; several words separated by spaces must all match.</source>
        <translation>按名称、编码或位置搜索；以空格分隔的多个词须全部匹配。</translation>
    </message>
    <message>
        <source>Region → owner unit → category</source>
        <translation>行政区划 → 建设单位 → 监控类别</translation>
    </message>
    <message>
        <source>Owner unit → region → category</source>
        <translation>建设单位 → 行政区划 → 监控类别</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>分组方式</translation>
    </message>
    <message>
        <source>Open in a free tile</source>
        <translation>在空闲窗格中打开</translation>
    </message>
    <message>
        <source>Record the picture at home</source>
        <translation>记录看守位参考画面</translation>
    </message>
    <message>
        <source>The centre sends {camera} to its home preset and records its picture there. Returns home through the city platform are then verified against it. Record it now?</source>
        <translation>中心将把 {camera} 转到看守位并在该处记录画面，此后经城市平台的归位将以此画面核验。现在记录吗？</translation>
    </message>
    <message>
        <source>Recording: the camera is going home…</source>
        <translation>正在记录：摄像机正在回到看守位…</translation>
    </message>
    <message>
        <source>Not recorded: {reason}</source>
        <translation>未记录：{reason}</translation>
    </message>
    <message>
        <source>Loading monitoring points…</source>
        <translation>正在加载监控点…</translation>
    </message>
    <message numerus="yes">
        <source>%n monitoring point(s), {online} online</source>
        <translation>
            <numerusform>共 %n 个监控点，{online} 个在线</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>找到 %n 个监控点</numerusform>
        </translation>
    </message>
    <message>
        <source>No monitoring point matches the search.</source>
        <translation>没有与搜索条件匹配的监控点。</translation>
    </message>
    <message>
        <source>No monitoring points.
You hold no right on any monitoring point; your unit can apply for a grant.</source>
        <translation>暂无监控点。
您尚未获准调阅任何监控点，可由本单位申请授权。</translation>
    </message>
</context>
<context>
    <name>CameraText</name>
    <message>
        <source>Dome</source>
        <translation>球机</translation>
    </message>
    <message>
        <source>Half-dome</source>
        <translation>半球</translation>
    </message>
    <message>
        <source>Fixed bullet</source>
        <translation>固定枪机</translation>
    </message>
    <message>
        <source>Remote-controlled bullet</source>
        <translation>遥控枪机</translation>
    </message>
    <message>
        <source>Remote-controlled half-dome</source>
        <translation>遥控半球</translation>
    </message>
    <message>
        <source>Multi-sensor, panoramic</source>
        <translation>多目设备全景通道</translation>
    </message>
    <message>
        <source>Multi-sensor, split channel</source>
        <translation>多目设备分割通道</translation>
    </message>
    <message>
        <source>Shared unconditionally</source>
        <translation>无条件共享</translation>
    </message>
    <message>
        <source>Shared on conditions</source>
        <translation>有条件共享</translation>
    </message>
    <message>
        <source>Not shared</source>
        <translation>不予共享</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <source>Owner unit</source>
        <translation>建设单位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>监控类别</translation>
    </message>
    <message>
        <source>Camera type</source>
        <translation>摄像机类型</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>Share type</source>
        <translation>共享类型</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>共享依据</translation>
    </message>
    <message>
        <source>State</source>
        <translation>设备状态</translation>
    </message>
    <message>
        <source>Maintainer</source>
        <translation>维护单位</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>所属项目</translation>
    </message>
    <message>
        <source>Warranty ends</source>
        <translation>维保截止</translation>
    </message>
    <message>
        <source>Your rights</source>
        <translation>您的权限</translation>
    </message>
    <message>
        <source>Automatic check</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Picture at home</source>
        <translation>看守位画面</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>无信号</translation>
    </message>
    <message>
        <source>too dark or too bright</source>
        <translation>过暗或过亮</translation>
    </message>
    <message>
        <source>blurred</source>
        <translation>图像模糊</translation>
    </message>
    <message>
        <source>covered</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <source>colour cast</source>
        <translation>偏色</translation>
    </message>
    <message>
        <source>frozen picture</source>
        <translation>画面冻结</translation>
    </message>
    <message>
        <source>No</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Yes, no home preset set</source>
        <translation>有，未设置看守位</translation>
    </message>
    <message>
        <source>Yes, home preset {preset}</source>
        <translation>有，看守位为预置位 {preset}</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Offline, last seen {time}</source>
        <translation>离线，最后在线于 {time}</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未检测</translation>
    </message>
    <message>
        <source>{time}: clean picture ({checks} checks)</source>
        <translation>{time}：画面正常（已检测 {checks} 次）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{finding} ({n} of {of} checks in a row)</source>
        <translation>{finding}（连续 {n}/{of} 次）</translation>
    </message>
    <message>
        <source>{time}: {findings}</source>
        <translation>{time}：{findings}</translation>
    </message>
    <message>
        <source>None recorded: returns through the city platform are commanded, not verified</source>
        <translation>未记录：经城市平台的归位只能下发指令，无法核验</translation>
    </message>
    <message>
        <source>Recorded {time} by {account} (preset {preset})</source>
        <translation>{time} 由 {account} 记录（预置位 {preset}）</translation>
    </message>
</context>
<context>
    <name>CameraTreeModel</name>
    <message>
        <source>Monitoring point</source>
        <translation>监控点</translation>
    </message>
    <message>
        <source>Rights</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Uncategorised</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>Unnamed</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>{name}: {online} of {total} monitoring points online</source>
        <translation>{name}：{total} 个监控点中 {online} 个在线</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) the search</source>
        <translation>
            <numerusform>其中 %n 个与搜索条件匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>Code: {code}</source>
        <translation>编码：{code}</translation>
    </message>
    <message>
        <source>Location: {location}</source>
        <translation>位置：{location}</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>CaptureGuard</name>
    <message>
        <source>Video hidden: a screen capture or remote-desktop program is running ({names}). Close it to see video again; this has been recorded.</source>
        <translation>视频已隐藏：检测到正在运行的截屏、录屏或远程桌面程序（{names}）。关闭该程序后恢复显示；此情况已记录。</translation>
    </message>
    <message>
        <source>excluded (video windows are left out of screenshots and recordings); capture programs are also detected</source>
        <translation>已排除（截屏和录屏中不包含视频窗口）；同时检测截屏程序</translation>
    </message>
    <message>
        <source>monitor only (video windows show black in screenshots and recordings); capture programs are also detected</source>
        <translation>仅限显示器（截屏和录屏中视频窗口为黑色）；同时检测截屏程序</translation>
    </message>
    <message>
        <source>detection only (this system offers no exclusion: video is hidden while a capture program runs)</source>
        <translation>仅检测（本系统不支持排除：截屏程序运行时隐藏视频）</translation>
    </message>
</context>
<context>
    <name>CatalogDialog</name>
    <message>
        <source>Camera catalogue</source>
        <translation>资源目录</translation>
    </message>
    <message>
        <source>Import the catalogue spreadsheets (一机一档)</source>
        <translation>导入资源目录表格（一机一档）</translation>
    </message>
    <message>
        <source>Cameras and projects in .xlsx or .csv. All chosen files are imported together, all or nothing; cameras are updated by their national code. Check first: every bad row is listed.</source>
        <translation>监控点和项目表格，格式为 .xlsx 或 .csv。所选文件一并导入，要么全部导入，要么全不导入；监控点按国标编码更新。请先校验：每个有误的行都会列出。</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Export catalogue…</source>
        <translation>导出资源目录…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Catalogue spreadsheets</source>
        <translation>资源目录表格</translation>
    </message>
    <message>
        <source>Spreadsheets ({patterns})</source>
        <translation>表格文件（{patterns}）</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>The files are valid. Press Import to write them.</source>
        <translation>文件校验通过。点击“导入”写入。</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
    <message>
        <source>{added} added, {changed} changed, {unchanged} unchanged</source>
        <translation>新增 {added}，变更 {changed}，未变 {unchanged}</translation>
    </message>
    <message>
        <source>{files}: cameras {cameras}; projects {projects}; regions {added} added, {renamed} renamed</source>
        <translation>{files}：监控点 {cameras}；项目 {projects}；行政区划新增 {added}，改名 {renamed}</translation>
    </message>
    <message>
        <source>Dry run, nothing written: {line}</source>
        <translation>检查（未写入任何内容）：{line}</translation>
    </message>
    <message>
        <source>New categories: {names}</source>
        <translation>新的类别：{names}</translation>
    </message>
    <message numerus="yes">
        <source>Credentials of %n camera(s) were taken out of the stream addresses and stored at the centre.</source>
        <translation>
            <numerusform>已从视频流地址中取出 %n 个监控点的认证信息，保存在中心。</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed: {codes}</source>
        <translation>有变更：{codes}</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> 等，另有 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stored camera(s) not in these files are left as they are.</source>
        <translation>
            <numerusform>已登记但不在这些文件中的 %n 个监控点保持不变。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sheets ignored (no catalogue header): {names}</source>
        <translation>已忽略的工作表（没有目录表头）：{names}</translation>
    </message>
    <message>
        <source>Columns ignored: {names}</source>
        <translation>已忽略的列：{names}</translation>
    </message>
    <message numerus="yes">
        <source>Nothing imported: %n problem(s) found.</source>
        <translation>
            <numerusform>未导入任何内容：发现 %n 个问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing imported: {file}: {problem}</source>
        <translation>未导入任何内容：{file}：{problem}</translation>
    </message>
    <message>
        <source>Nothing imported: {error}</source>
        <translation>未导入任何内容：{error}</translation>
    </message>
    <message>
        <source>Export the catalogue</source>
        <translation>导出资源目录</translation>
    </message>
    <message numerus="yes">
        <source>%n camera(s)</source>
        <translation>
            <numerusform>监控点 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n project(s)</source>
        <translation>
            <numerusform>项目 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported: {rows}</source>
        <translation>已导出：{rows}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
</context>
<context>
    <name>CatalogProblem</name>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>is {length} characters long; at most {limit}</source>
        <translation>长度为 {length} 个字符，最多 {limit} 个</translation>
    </message>
    <message>
        <source>contains control characters</source>
        <translation>含有控制字符</translation>
    </message>
    <message>
        <source>{value} is not a whole number</source>
        <translation>{value} 不是整数</translation>
    </message>
    <message>
        <source>{value} is outside {low}..{high}</source>
        <translation>{value} 不在 {low}～{high} 范围内</translation>
    </message>
    <message>
        <source>{value} is outside at least {low}</source>
        <translation>{value} 小于 {low}</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} 不是数字</translation>
    </message>
    <message>
        <source>{value} is not a share type (无条件共享, 有条件共享 or 不予共享)</source>
        <translation>{value} 不是共享类型（无条件共享、有条件共享或不予共享）</translation>
    </message>
    <message>
        <source>{value} is not a camera type (球机, 半球, 固定枪机, 遥控枪机, 遥控半球, 多目全景, 多目分割, or 1-7)</source>
        <translation>{value} 不是摄像机类型（球机、半球、固定枪机、遥控枪机、遥控半球、多目全景、多目分割或 1-7）</translation>
    </message>
    <message>
        <source>{value} is not 在线/离线 (online/offline)</source>
        <translation>{value} 不是“在线”或“离线”</translation>
    </message>
    <message>
        <source>{value} is not a resource type (视频监控类 or 融合通讯类)</source>
        <translation>{value} 不是资源类型（视频监控类或融合通讯类）</translation>
    </message>
    <message>
        <source>{value} is not 是/否 (yes/no)</source>
        <translation>{value} 不是“是”或“否”</translation>
    </message>
    <message>
        <source>{value} is not a date (YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日)</source>
        <translation>{value} 不是日期（YYYY-MM-DD、YYYY/MM/DD 或 YYYY年M月D日）</translation>
    </message>
    <message>
        <source>{value} is not a date and time (YYYY-MM-DD HH:MM:SS)</source>
        <translation>{value} 不是日期时间（YYYY-MM-DD HH:MM:SS）</translation>
    </message>
    <message>
        <source>{value} is not a date</source>
        <translation>{value} 不是日期</translation>
    </message>
    <message>
        <source>scheme {value} is not a stream address ({schemes} or a file path)</source>
        <translation>协议 {value} 不是视频流地址（应为 {schemes} 或文件路径）</translation>
    </message>
    <message>
        <source>{value} is not a stream address ({schemes} or a file path)</source>
        <translation>{value} 不是视频流地址（应为 {schemes} 或文件路径）</translation>
    </message>
    <message>
        <source>{value} has no host</source>
        <translation>{value} 缺少主机</translation>
    </message>
    <message>
        <source>is a number in the sheet ({value}), so its last digits are lost; format the column as text and enter the codes again</source>
        <translation>在表格中是数字（{value}），末尾几位已丢失；请将该列设为文本格式后重新填写编码</translation>
    </message>
    <message>
        <source>{value} must be exactly 20 digits (GB/T 28181)</source>
        <translation>{value} 必须是 20 位数字（GB/T 28181）</translation>
    </message>
    <message>
        <source>{value}: the first 8 digits must be a civil code (行政区划)</source>
        <translation>{value}：前 8 位必须是行政区划代码</translation>
    </message>
    <message>
        <source>{value}: type {type} is a {device}, not a camera</source>
        <translation>{value}：类型 {type} 是 {device}，不是摄像机</translation>
    </message>
    <message>
        <source>{value}: type {type} (digits 11-13) is not a camera type ({types})</source>
        <translation>{value}：类型 {type}（第 11-13 位）不是摄像机类型（{types}）</translation>
    </message>
    <message>
        <source>{value}: network digit {digit} (digit 14) is not defined</source>
        <translation>{value}：网络标识 {digit}（第 14 位）未定义</translation>
    </message>
    <message>
        <source>{value} must be a civil code of 2, 4, 6 or 8 digits (行政区划代码)</source>
        <translation>{value} 必须是 2、4、6 或 8 位的行政区划代码</translation>
    </message>
    <message>
        <source>{value} is not a valid civil code</source>
        <translation>{value} 不是有效的行政区划代码</translation>
    </message>
    <message>
        <source>{value} is not a usable PTZ control address (onvif://host:port)</source>
        <translation>{value} 不是可用的云台控制地址（onvif://主机:端口）</translation>
    </message>
    <message>
        <source>not a spreadsheet: give an .xlsx or .csv file</source>
        <translation>不是电子表格：请选择 .xlsx 或 .csv 文件</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>cannot read: {error}</source>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>no header row naming {keys} in its first {rows} rows; is this a camera catalogue?</source>
        <translation>前 {rows} 行中没有含 {keys} 的表头行；这是监控点目录吗？</translation>
    </message>
    <message>
        <source>no sheet has header row naming {keys} in its first {rows} rows; is this a camera catalogue?</source>
        <translation>没有工作表在前 {rows} 行中有含 {keys} 的表头行；这是监控点目录吗？</translation>
    </message>
    <message>
        <source>not a readable workbook ({error})</source>
        <translation>不是可读的工作簿（{error}）</translation>
    </message>
    <message>
        <source>not a readable CSV file ({error})</source>
        <translation>不是可读的 CSV 文件（{error}）</translation>
    </message>
    <message>
        <source>not a text CSV file (binary data)</source>
        <translation>不是文本 CSV 文件（含二进制数据）</translation>
    </message>
    <message>
        <source>not UTF-8 or GB18030 text; save the CSV as UTF-8</source>
        <translation>不是 UTF-8 或 GB18030 文本；请将 CSV 另存为 UTF-8</translation>
    </message>
    <message>
        <source>sheet {sheet}: no header row naming {keys} in its first {rows} rows</source>
        <translation>工作表 {sheet}：前 {rows} 行中没有含 {keys} 的表头行</translation>
    </message>
    <message>
        <source>{value} is not a valid date</source>
        <translation>{value} 不是有效的日期</translation>
    </message>
    <message>
        <source>{value} is not a valid date and time</source>
        <translation>{value} 不是有效的日期时间</translation>
    </message>
    <message>
        <source>{value} is not a valid URL</source>
        <translation>{value} 不是有效的网址</translation>
    </message>
    <message>
        <source>a home preset needs a PTZ camera ({ptz} = 是)</source>
        <translation>设置看守位需要云台摄像机（{ptz} = 是）</translation>
    </message>
    <message>
        <source>a PTZ control address needs a PTZ camera ({ptz} = 是)</source>
        <translation>云台控制地址需要云台摄像机（{ptz} = 是）</translation>
    </message>
    <message>
        <source>{value} is not a registered unit (code or name); add it with &apos;main.py admin unit-add&apos; first</source>
        <translation>{value} 不是已登记的单位（编码或名称）；请先用 main.py admin unit-add 添加</translation>
    </message>
    <message>
        <source>{value} is not a registered unit (code or name)</source>
        <translation>{value} 不是已登记的单位（编码或名称）</translation>
    </message>
    <message>
        <source>no project named {value} (neither stored nor in a project sheet of this import)</source>
        <translation>没有名为 {value} 的项目（既未登记，也不在本次导入的项目表中）</translation>
    </message>
    <message>
        <source>{share} needs a legal basis (Zunyi §14)</source>
        <translation>{share}需要填写共享依据（遵义办法第十四条）</translation>
    </message>
    <message>
        <source>missing while {given} is given; give both or neither</source>
        <translation>已填写{given}而本项缺失；请两项都填或都不填</translation>
    </message>
    <message>
        <source>carries another user/password than the main stream; a camera has one account (set it with &apos;main.py secret set-camera&apos;)</source>
        <translation>与主码流的用户名/密码不同；一台摄像机只有一个账号（用 main.py secret set-camera 设置）</translation>
    </message>
    <message>
        <source>{shared} is more than {total_header} ({total})</source>
        <translation>{shared} 大于{total_header}（{total}）</translation>
    </message>
    <message>
        <source>the column appears twice</source>
        <translation>该列出现了两次</translation>
    </message>
    <message>
        <source>the header row has no such column (required)</source>
        <translation>表头中缺少该列（必填）</translation>
    </message>
    <message>
        <source>code {value} appears twice: row {first_row} and row {row}</source>
        <translation>编码 {value} 出现两次：第 {first_row} 行和第 {row} 行</translation>
    </message>
    <message>
        <source>code {value} appears twice: {first_file} {first_sheet} row {first_row} and row {row}</source>
        <translation>编码 {value} 出现两次：{first_file} {first_sheet} 第 {first_row} 行和第 {row} 行</translation>
    </message>
    <message>
        <source>project name {value} appears twice: row {first_row} and row {row}</source>
        <translation>项目名称 {value} 出现两次：第 {first_row} 行和第 {row} 行</translation>
    </message>
    <message>
        <source>project name {value} appears twice: {first_file} {first_sheet} row {first_row} and row {row}</source>
        <translation>项目名称 {value} 出现两次：{first_file} {first_sheet} 第 {first_row} 行和第 {row} 行</translation>
    </message>
    <message>
        <source>{value} for {code} differs from {first} in row {first_row}</source>
        <translation>{code} 的名称 {value} 与第 {first_row} 行的 {first} 不一致</translation>
    </message>
    <message>
        <source>{value} for {code} differs from {first} in {first_file} {first_sheet} row {first_row}</source>
        <translation>{code} 的名称 {value} 与 {first_file} {first_sheet} 第 {first_row} 行的 {first} 不一致</translation>
    </message>
</context>
<context>
    <name>CentreLinkGuard</name>
    <message>
        <source>The centre answers again: checking the views…</source>
        <translation>中心已恢复应答，正在核验画面权限…</translation>
    </message>
    <message>
        <source>Video hidden: the centre cannot be reached (for {seconds} s). It comes back by itself when the centre answers.</source>
        <translation>视频已隐藏：无法连接中心（已 {seconds} 秒）。中心恢复应答后画面将自动恢复。</translation>
    </message>
</context>
<context>
    <name>DeskPtz</name>
    <message>
        <source>Release PTZ control (camera returns home)</source>
        <translation>释放云台控制（摄像机回到看守位）</translation>
    </message>
    <message>
        <source>PTZ control</source>
        <translation>云台控制</translation>
    </message>
</context>
<context>
    <name>DeskStatus</name>
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
        <source>The centre cannot be reached; retrying… ({error})</source>
        <translation>无法连接中心，正在重试…（{error}）</translation>
    </message>
    <message>
        <source>The centre cannot be reached; retrying…</source>
        <translation>无法连接中心，正在重试…</translation>
    </message>
    <message>
        <source>PTZ not home: {count}</source>
        <translation>云台未归位：{count}</translation>
    </message>
    <message>
        <source>These PTZ cameras could not be verified back at their home position; the consoles keep retrying:
{cameras}</source>
        <translation>以下云台摄像机未能核验回到看守位，终端将继续重试：
{cameras}</translation>
    </message>
</context>
<context>
    <name>DeskViews</name>
    <message>
        <source>Every tile shows a view; close one or drop the monitoring point onto a tile to replace its view.</source>
        <translation>所有窗格均在使用中；请先关闭一个窗格，或将监控点拖到某个窗格上替换其画面。</translation>
    </message>
    <message>
        <source>Send to wall output</source>
        <translation>发送到上墙输出</translation>
    </message>
    <message>
        <source>{camera}: {reason}</source>
        <translation>{camera}：{reason}</translation>
    </message>
</context>
<context>
    <name>DutyLogDialog</name>
    <message>
        <source>On-duty log</source>
        <translation>值班日志</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>What was seen</source>
        <translation>所见情况</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>后续处置</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Another time</source>
        <translation>指定时间</translation>
    </message>
    <message>
        <source>Camera codes, separated by commas</source>
        <translation>摄像机编码，以逗号分隔</translation>
    </message>
    <message>
        <source>Add the camera selected in the tree</source>
        <translation>添加目录树中选中的摄像机</translation>
    </message>
    <message>
        <source>From the open view of {camera}</source>
        <translation>来自已打开的画面：{camera}</translation>
    </message>
    <message>
        <source>What is still to be done (leave empty if nothing)</source>
        <translation>尚需处理的事项（无则留空）</translation>
    </message>
    <message>
        <source>Write entry</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Correct the selected entry</source>
        <translation>更正所选记录</translation>
    </message>
    <message>
        <source>Settle the selected follow-up</source>
        <translation>办结所选事项</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>新记录</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>corrects #{id}</source>
        <translation>更正 #{id}</translation>
    </message>
    <message>
        <source>corrected by #{id}</source>
        <translation>已由 #{id} 更正</translation>
    </message>
    <message>
        <source>settles #{id}</source>
        <translation>办结 #{id}</translation>
    </message>
    <message>
        <source>settled by #{id}</source>
        <translation>已由 #{id} 办结</translation>
    </message>
    <message>
        <source>You are on no shift of the duty roster.</source>
        <translation>排班表中没有您的班次。</translation>
    </message>
    <message>
        <source>: {comment}</source>
        <translation>：{comment}</translation>
    </message>
    <message>
        <source>Correcting entry #{id}</source>
        <translation>正在更正记录 #{id}</translation>
    </message>
    <message>
        <source>Settling the follow-up of #{id}</source>
        <translation>正在办结 #{id} 的后续事项</translation>
    </message>
    <message>
        <source>Say what was seen.</source>
        <translation>请填写所见情况。</translation>
    </message>
    <message>
        <source>Entry #{id} written.</source>
        <translation>记录 #{id} 已保存。</translation>
    </message>
</context>
<context>
    <name>DutyMenu</name>
    <message>
        <source>Duty</source>
        <translation>值班</translation>
    </message>
    <message>
        <source>On-duty log…</source>
        <translation>值班日志…</translation>
    </message>
    <message>
        <source>Shift handover…</source>
        <translation>交接班…</translation>
    </message>
    <message>
        <source>Duty review and roster…</source>
        <translation>值班审核与排班…</translation>
    </message>
    <message>
        <source>Add to the on-duty log…</source>
        <translation>记入值班日志…</translation>
    </message>
</context>
<context>
    <name>DutyReviewDialog</name>
    <message>
        <source>Duty review and roster</source>
        <translation>值班审核与排班</translation>
    </message>
    <message>
        <source>Unit code</source>
        <translation>单位编码</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>On duty</source>
        <translation>值班人员</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Comment (required to return)</source>
        <translation>意见（退回时必填）</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Return for correction</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Shift report (PDF)…</source>
        <translation>值班报告（PDF）…</translation>
    </message>
    <message>
        <source>New shift on the roster</source>
        <translation>新增班次</translation>
    </message>
    <message>
        <source>e.g. day shift</source>
        <translation>例如：白班</translation>
    </message>
    <message>
        <source>Accounts, separated by commas</source>
        <translation>账号，以逗号分隔</translation>
    </message>
    <message>
        <source>Add shift</source>
        <translation>添加班次</translation>
    </message>
    <message>
        <source>Edit selected shift</source>
        <translation>修改所选班次</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>late: {n}</source>
        <translation>迟到：{n}</translation>
    </message>
    <message>
        <source>absent: {n}</source>
        <translation>缺岗：{n}</translation>
    </message>
    <message>
        <source>gaps: {n}</source>
        <translation>空岗：{n}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>all present</source>
        <translation>全员到岗</translation>
    </message>
    <message>
        <source>Reviewed by {who}, {when}</source>
        <translation>审核人 {who}，{when}</translation>
    </message>
    <message>
        <source>Comment: {comment}</source>
        <translation>意见：{comment}</translation>
    </message>
    <message>
        <source>Changing shift #{id} ({unit}): edit the name, times or people above, then save.</source>
        <translation>正在修改班次 #{id}（{unit}）：在上方修改名称、时间或人员后保存。</translation>
    </message>
    <message>
        <source>Shift #{id} changed.</source>
        <translation>班次 #{id} 已修改。</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>到岗情况</translation>
    </message>
    <message>
        <source>not on the roster</source>
        <translation>未排班</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺岗</translation>
    </message>
    <message>
        <source>late by {minutes} min</source>
        <translation>迟到 {minutes} 分钟</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>准时到岗</translation>
    </message>
    <message>
        <source>not yet logged in</source>
        <translation>尚未登录</translation>
    </message>
    <message>
        <source>    gap: {start} – {end}</source>
        <translation>    空岗：{start} – {end}</translation>
    </message>
    <message>
        <source>On-duty log</source>
        <translation>值班日志</translation>
    </message>
    <message>
        <source> (corrected by #{id})</source>
        <translation>（已由 #{id} 更正）</translation>
    </message>
    <message>
        <source> (corrects #{id})</source>
        <translation>（更正 #{id}）</translation>
    </message>
    <message>
        <source>    follow-up: {text}</source>
        <translation>    后续处置：{text}</translation>
    </message>
    <message>
        <source>Handovers</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Say what is to be corrected.</source>
        <translation>请填写需要更正的内容。</translation>
    </message>
    <message>
        <source>Shift #{id}: {state}.</source>
        <translation>班次 #{id}：{state}。</translation>
    </message>
    <message>
        <source>Save the shift report</source>
        <translation>保存值班报告</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>报告已保存：{path}</translation>
    </message>
    <message>
        <source>Name the people on the shift.</source>
        <translation>请填写该班次的值班人员。</translation>
    </message>
    <message>
        <source>Shift #{id} added to the roster.</source>
        <translation>班次 #{id} 已加入排班表。</translation>
    </message>
</context>
<context>
    <name>DutyText</name>
    <message>
        <source>Routine patrol</source>
        <translation>日常巡查</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>突发事件</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>交通</translation>
    </message>
    <message>
        <source>Public order</source>
        <translation>治安</translation>
    </message>
    <message>
        <source>Equipment or picture fault</source>
        <translation>设备或画面故障</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Approved (locked)</source>
        <translation>已批准（已锁定）</translation>
    </message>
    <message>
        <source>Signed, awaiting the next shift</source>
        <translation>已签交，待接班</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>camera group</source>
        <translation>摄像机分组</translation>
    </message>
    <message>
        <source>region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Open items: {n}</source>
        <translation>未结事项：{n}</translation>
    </message>
    <message>
        <source>Open fault reports: {n}</source>
        <translation>未修复的故障报告：{n}</translation>
    </message>
    <message>
        <source>PTZ cameras not verified home: {n}</source>
        <translation>云台未确认复位的摄像机：{n}</translation>
    </message>
    <message>
        <source>Online rate of the unit&apos;s cameras at {at} (point in time): {online} of {total} = {share}</source>
        <translation>本单位摄像机在线率（时点）{at}：{online}/{total} = {share}</translation>
    </message>
    <message>
        <source>Online rate today since {since} (time weighted): {hours} of {expected} camera-hours = {share}</source>
        <translation>当日在线率（时间加权）自 {since}：{hours}/{expected} 摄像机小时 = {share}</translation>
    </message>
    <message>
        <source>Cameras of the unit online at {at} (point-in-time share of the catalogue, before online rates were recorded): {online} of {total} = {share}</source>
        <translation>本单位摄像机在线 {at}（目录时点占比，在线率统计启用前）：{online}/{total} = {share}</translation>
    </message>
    <message>
        <source>Emergency grants in force: {n}</source>
        <translation>生效中的应急授权：{n}</translation>
    </message>
</context>
<context>
    <name>EmergencyGrantDialog</name>
    <message>
        <source>Emergency grant</source>
        <translation>应急授权</translation>
    </message>
    <message>
        <source>Time-limited emergency grant</source>
        <translation>限时应急授权</translation>
    </message>
    <message>
        <source>The grant starts now and ends by itself after the chosen time (at most {max} hours). It may open cameras that are not shared. It is recorded in the usage register with your name and the reason.</source>
        <translation>授权立即生效，到所选时长后自动失效（最长 {max} 小时），可开放不予共享的监控点。授权将连同您的姓名和事由记入使用登记。</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>The emergency: what happened, where</source>
        <translation>紧急情况：何事、何地</translation>
    </message>
    <message>
        <source>Incident number (optional)</source>
        <translation>警情编号（选填）</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
</context>
<context>
    <name>FaultListDialog</name>
    <message>
        <source>Fault reports</source>
        <translation>故障报告</translation>
    </message>
    <message>
        <source>Open reports only</source>
        <translation>仅未关闭的报告</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Maintainer unit</source>
        <translation>维护单位</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>报告人</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Note for this step (optional)</source>
        <translation>本步骤备注（可选）</translation>
    </message>
    <message>
        <source>Reported by {who} on {terminal}, {when}</source>
        <translation>{who} 于 {when} 在 {terminal} 报告</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
</context>
<context>
    <name>FaultReportDialog</name>
    <message>
        <source>Report a fault</source>
        <translation>报告故障</translation>
    </message>
    <message>
        <source>What is wrong (required for &apos;Other&apos;)</source>
        <translation>故障说明（选择“其他”时必填）</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Say what is wrong.</source>
        <translation>请说明故障情况。</translation>
    </message>
</context>
<context>
    <name>FaultReporter</name>
    <message>
        <source>Report a fault…</source>
        <translation>报告故障…</translation>
    </message>
    <message>
        <source>the maintainer (not in the catalogue)</source>
        <translation>维护单位（资源目录中未登记）</translation>
    </message>
    <message>
        <source>Fault report #{id} recorded for {camera}; it goes to {maintainer}.</source>
        <translation>已登记 {camera} 的故障报告 #{id}，将转交 {maintainer}。</translation>
    </message>
</context>
<context>
    <name>FaultText</name>
    <message>
        <source>Position offset</source>
        <translation>位置偏移</translation>
    </message>
    <message>
        <source>Blurred picture</source>
        <translation>画面模糊</translation>
    </message>
    <message>
        <source>Occluded</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <source>Offline / no signal</source>
        <translation>离线 / 无信号</translation>
    </message>
    <message>
        <source>Frozen picture</source>
        <translation>画面冻结</translation>
    </message>
    <message>
        <source>Colour cast</source>
        <translation>画面偏色</translation>
    </message>
    <message>
        <source>Too dark or too bright</source>
        <translation>亮度异常（过暗或过亮）</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新报告</translation>
    </message>
    <message>
        <source>Sent to the maintainer</source>
        <translation>已转维护单位</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>已修复</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Send to the maintainer</source>
        <translation>转交维护单位</translation>
    </message>
    <message>
        <source>Mark fixed</source>
        <translation>标记已修复</translation>
    </message>
    <message>
        <source>Verified on the picture</source>
        <translation>画面验证通过</translation>
    </message>
    <message>
        <source>Not fixed: reopen</source>
        <translation>未修复：退回</translation>
    </message>
    <message>
        <source>Automatic video diagnosis</source>
        <translation>视频自动诊断</translation>
    </message>
</context>
<context>
    <name>GrantFormDialog</name>
    <message>
        <source>Grant from an approved form</source>
        <translation>按审批表授权</translation>
    </message>
    <message>
        <source>Grant from an approved application form</source>
        <translation>按已批准的申请审批表授权</translation>
    </message>
    <message>
        <source>Enter the approved form: its number, the period, the purpose and who approved it. A camera that is not shared opens only for its owner unit; an ordinary grant cannot open it for anyone else. The grant is recorded in the usage register.</source>
        <translation>填写已批准的审批表：表单编号、授权期限、调阅事由和审批人。不予共享的监控点只对其权属单位开放，普通授权不能向其他单位开放。本次授权记入使用登记。</translation>
    </message>
    <message>
        <source>Number of the approved form</source>
        <translation>审批表编号</translation>
    </message>
    <message>
        <source>The purpose stated on the form</source>
        <translation>审批表上填写的调阅事由</translation>
    </message>
    <message>
        <source>Who approved it (unit, name)</source>
        <translation>审批人（单位、姓名）</translation>
    </message>
    <message>
        <source>Form number</source>
        <translation>审批表编号</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>授权期限</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>调阅事由</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
</context>
<context>
    <name>GrantIssuer</name>
    <message>
        <source>Emergency grant #{id} issued. It ends by itself.</source>
        <translation>应急授权 #{id} 已签发，到期自动失效。</translation>
    </message>
    <message>
        <source>Grant #{id} recorded.</source>
        <translation>授权 #{id} 已登记。</translation>
    </message>
</context>
<context>
    <name>GrantScopePicker</name>
    <message>
        <source>Search by name, code or location</source>
        <translation>按名称、编码或位置搜索</translation>
    </message>
    <message>
        <source>No camera groups</source>
        <translation>暂无监控点分组</translation>
    </message>
    <message>
        <source>Or type camera codes (20 digits) or region codes, separated by spaces</source>
        <translation>或输入监控点编码（20 位）或行政区划代码，以空格分隔</translation>
    </message>
    <message>
        <source>Camera groups:</source>
        <translation>监控点分组：</translation>
    </message>
    <message>
        <source>{name} ({count})</source>
        <translation>{name}（{count}）</translation>
    </message>
    <message>
        <source>{name} · {code} · {share} · owner unit: {owner}</source>
        <translation>{name} · {code} · {share} · 权属单位：{owner}</translation>
    </message>
    <message>
        <source>Picked: {cameras} camera(s), {regions} region(s), {groups} camera group(s)</source>
        <translation>已选：{cameras} 个监控点、{regions} 个区域、{groups} 个分组</translation>
    </message>
    <message>
        <source>{count} of them not shared: an ordinary grant opens them only for their owner unit</source>
        <translation>其中 {count} 个不予共享：普通授权只对其权属单位开放</translation>
    </message>
    <message>
        <source>Not a camera or region code: {codes}</source>
        <translation>不是监控点编码或区划代码：{codes}</translation>
    </message>
    <message>
        <source>At most {max} in one grant; pick a region or a camera group instead</source>
        <translation>一次授权最多 {max} 项，请改选区域或分组</translation>
    </message>
</context>
<context>
    <name>GrantText</name>
    <message>
        <source>Not started</source>
        <translation>未生效</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Live view</source>
        <translation>实时预览</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>云台控制</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>录像回放</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>视频下载</translation>
    </message>
    <message>
        <source>Camera {value}</source>
        <translation>监控点 {value}</translation>
    </message>
    <message>
        <source>Camera group {value}</source>
        <translation>分组 {value}</translation>
    </message>
    <message>
        <source>Region {value}</source>
        <translation>区域 {value}</translation>
    </message>
    <message>
        <source>Current (in force, expiring, not started)</source>
        <translation>当前（生效中、即将到期、未生效）</translation>
    </message>
    <message>
        <source>Ended (expired or revoked)</source>
        <translation>已结束（过期或撤销）</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Grant to</source>
        <translation>授权对象</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>监控点</translation>
    </message>
    <message>
        <source>Rights</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Issue grant</source>
        <translation>签发授权</translation>
    </message>
</context>
<context>
    <name>GrantsDialog</name>
    <message>
        <source>Grants</source>
        <translation>授权管理</translation>
    </message>
    <message>
        <source>Every unit</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Granted to</source>
        <translation>授权对象</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>监控点</translation>
    </message>
    <message>
        <source>Rights</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>止</translation>
    </message>
    <message>
        <source>Purpose / reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Form number</source>
        <translation>审批表编号</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Emergency grant…</source>
        <translation>应急授权…</translation>
    </message>
    <message>
        <source>Grant from a form…</source>
        <translation>按审批表授权…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>应急授权</translation>
    </message>
    <message>
        <source>Approved form</source>
        <translation>审批授权</translation>
    </message>
    <message>
        <source>{when} by {who}: {reason}</source>
        <translation>{when} 由 {who} 撤销：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s)</source>
        <translation>
            <numerusform>共 %n 条授权</numerusform>
        </translation>
    </message>
    <message>
        <source>Grant #{id} issued.</source>
        <translation>授权 #{id} 已签发。</translation>
    </message>
    <message>
        <source>Grant #{id} revoked.</source>
        <translation>授权 #{id} 已撤销。</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Note for the next shift</source>
        <translation>给接班人员的备注</translation>
    </message>
    <message>
        <source>Sign and hand over</source>
        <translation>签字交班</translation>
    </message>
    <message>
        <source>Hand over my shift</source>
        <translation>我的班次交班</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>交接内容</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>交班人</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>签交时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason for refusal</source>
        <translation>拒收理由</translation>
    </message>
    <message>
        <source>Why it is refused (required to refuse)</source>
        <translation>拒收理由（拒收时必填）</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Handovers of my shifts</source>
        <translation>我的班次的交接</translation>
    </message>
    <message>
        <source>To shift #{id}</source>
        <translation>交给班次 #{id}</translation>
    </message>
    <message>
        <source>The unit has no next shift on the roster yet.</source>
        <translation>本单位排班表中还没有下一个班次。</translation>
    </message>
    <message>
        <source>Handover #{id} signed; it waits for the next shift.</source>
        <translation>交接 #{id} 已签交，等待接班人员接收。</translation>
    </message>
    <message>
        <source>Say why the handover is refused.</source>
        <translation>请填写拒收理由。</translation>
    </message>
    <message>
        <source>Handover #{id}: {state}.</source>
        <translation>交接 #{id}：{state}。</translation>
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
        <source>Demo centre — password for every account: {password}</source>
        <translation>演示中心 — 所有账号的密码：{password}</translation>
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
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Session ended</source>
        <translation>会话已结束</translation>
    </message>
    <message>
        <source>Log in again to continue.</source>
        <translation>请重新登录。</translation>
    </message>
</context>
<context>
    <name>ManagementMenu</name>
    <message>
        <source>Management</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Grants…</source>
        <translation>授权管理…</translation>
    </message>
    <message>
        <source>Emergency grant…</source>
        <translation>应急授权…</translation>
    </message>
    <message>
        <source>Camera catalogue…</source>
        <translation>资源目录…</translation>
    </message>
    <message>
        <source>Platform catalogue sync…</source>
        <translation>平台目录同步…</translation>
    </message>
    <message>
        <source>Usage register…</source>
        <translation>使用登记簿…</translation>
    </message>
    <message>
        <source>Fault reports…</source>
        <translation>故障报告…</translation>
    </message>
    <message>
        <source>Online rates…</source>
        <translation>在线率…</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Recent notices</source>
        <translation>最近的提示</translation>
    </message>
</context>
<context>
    <name>OnlineRateDialog</name>
    <message>
        <source>Online rates</source>
        <translation>在线率</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>By unit</source>
        <translation>按单位</translation>
    </message>
    <message>
        <source>By region</source>
        <translation>按行政区划</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Online now</source>
        <translation>当前在线</translation>
    </message>
    <message>
        <source>Rate now</source>
        <translation>当前在线率</translation>
    </message>
    <message>
        <source>Online hours / expected hours</source>
        <translation>在线时长 / 应在线时长（小时）</translation>
    </message>
    <message>
        <source>Time-weighted rate</source>
        <translation>时长在线率</translation>
    </message>
    <message>
        <source>Target {target}</source>
        <translation>目标 {target}</translation>
    </message>
    <message>
        <source>No cameras.</source>
        <translation>没有监控点。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>统计周期</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>{start} to {end}: {online} of {total} cameras online now ({now}); time-weighted {weighted}; target {target}.</source>
        <translation>{start} 至 {end}：当前 {total} 个监控点中 {online} 个在线（{now}）；时长在线率 {weighted}；目标 {target}。</translation>
    </message>
</context>
<context>
    <name>OpeningTexts</name>
    <message>
        <source>{camera}: {reason}</source>
        <translation>{camera}：{reason}</translation>
    </message>
    <message>
        <source>{camera}: the view could not be opened. {reason}</source>
        <translation>{camera}：无法打开视图。{reason}</translation>
    </message>
</context>
<context>
    <name>OutputGuards</name>
    <message>
        <source>The centre answers again: video is shown again.</source>
        <translation>中心已恢复应答，视频画面已恢复。</translation>
    </message>
    <message>
        <source>Screenshots are not permitted ({key} was blocked).</source>
        <translation>禁止截屏（已拦截 {key}）。</translation>
    </message>
</context>
<context>
    <name>OutputRow</name>
    <message>
        <source>Layout of this wall output</source>
        <translation>此大屏输出的画面布局</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清屏</translation>
    </message>
    <message>
        <source>Close every view on this wall output</source>
        <translation>关闭此大屏输出上的全部调阅</translation>
    </message>
    <message>
        <source>Show window</source>
        <translation>显示窗口</translation>
    </message>
    <message>
        <source>Show the test output&apos;s window</source>
        <translation>显示测试输出窗口</translation>
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
    <name>PlatformSyncDialog</name>
    <message>
        <source>Platform catalogue sync</source>
        <translation>平台目录同步</translation>
    </message>
    <message>
        <source>The centre reads every device and channel and the region and business-group trees from the city platform and applies them in one step: all or nothing. Cameras no longer on the platform are listed and left as they are.</source>
        <translation>中心从城市平台读取全部设备、通道以及行政区划和业务分组目录，一次性应用：要么全部生效，要么不生效。平台上已不存在的摄像机会列出，但保持原样。</translation>
    </message>
    <message>
        <source>Check only</source>
        <translation>仅检查</translation>
    </message>
    <message>
        <source>Ask the platform and show what a sync would change, writing nothing</source>
        <translation>询问平台并显示同步将改动的内容，不写入任何数据</translation>
    </message>
    <message>
        <source>Synchronise</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Asking the city platform…</source>
        <translation>正在询问城市平台…</translation>
    </message>
    <message>
        <source>Not synchronised: {reason}</source>
        <translation>未同步：{reason}</translation>
    </message>
    <message>
        <source>{platform}: {devices} device(s); cameras {added} added, {changed} changed, {unchanged} unchanged, {gone} gone; {online} came online, {offline} went offline.</source>
        <translation>{platform}：{devices} 台设备；摄像机新增 {added}、变更 {changed}、未变 {unchanged}、已不在平台 {gone}；{online} 路上线，{offline} 路离线。</translation>
    </message>
    <message>
        <source>Check only, nothing written: {summary}</source>
        <translation>仅检查，未写入：{summary}</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Gone (no longer on the platform, left as they are)</source>
        <translation>已不在平台（保持原样）</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… 另有 {n} 路</translation>
    </message>
    <message>
        <source>No camera added, changed or gone.</source>
        <translation>没有新增、变更或已不在平台的摄像机。</translation>
    </message>
</context>
<context>
    <name>PlayerFailure</name>
    <message>
        <source>the camera did not answer in time</source>
        <translation>摄像机未在规定时间内应答</translation>
    </message>
    <message>
        <source>the connection was refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>no stream was found at its address</source>
        <translation>该地址上没有找到视频流</translation>
    </message>
    <message>
        <source>the camera refused the credentials</source>
        <translation>摄像机拒绝了认证信息</translation>
    </message>
    <message>
        <source>the camera&apos;s address cannot be reached</source>
        <translation>无法到达摄像机的地址</translation>
    </message>
    <message>
        <source>the stream broke off</source>
        <translation>视频流中断</translation>
    </message>
    <message>
        <source>no picture arrived</source>
        <translation>没有收到画面</translation>
    </message>
    <message>
        <source>no decoder on this terminal can play it</source>
        <translation>本终端没有能播放该视频流的解码器</translation>
    </message>
    <message>
        <source>the stream failed</source>
        <translation>视频流出错</translation>
    </message>
    <message>
        <source>{cause}; next try in {seconds} s</source>
        <translation>{cause}；{seconds} 秒后重试</translation>
    </message>
</context>
<context>
    <name>PresetPurposeDialog</name>
    <message>
        <source>Purpose of this wall preset</source>
        <translation>大屏预案的调阅事由</translation>
    </message>
    <message>
        <source>Preset {name}</source>
        <translation>预案 {name}</translation>
    </message>
    <message>
        <source>These monitoring points may be used only for an approved purpose. State the purpose of showing them on the wall; it is kept in the usage register with each view.</source>
        <translation>以下监控点仅限用于经批准的用途。请填写在大屏上调阅它们的事由，事由将随每路调阅记入使用登记。</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>调阅事由</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PrivacyMaskDialog</name>
    <message>
        <source>Privacy masks</source>
        <translation>隐私遮挡</translation>
    </message>
    <message>
        <source>Privacy masks — {name} ({code})</source>
        <translation>隐私遮挡 — {name}（{code}）</translation>
    </message>
    <message>
        <source>Click to add the corners of an area to hide; double-click or press Enter to close it. Click an area to select it; Delete removes it. The areas are hidden in every output, for every role that is not exempt.</source>
        <translation>单击添加要遮挡区域的各个角点；双击或按回车键闭合区域。单击区域可将其选中，按 Delete 键删除。遮挡区域在所有输出画面中对所有未豁免的角色隐藏。</translation>
    </message>
    <message>
        <source>Waiting for the picture…</source>
        <translation>正在等待画面…</translation>
    </message>
    <message>
        <source>Delete area</source>
        <translation>删除区域</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Areas: {count} of at most {max}</source>
        <translation>遮挡区域：{count} 个（最多 {max} 个）</translation>
    </message>
    <message>
        <source>An area needs at least {min} corners.</source>
        <translation>一个区域至少需要 {min} 个角点。</translation>
    </message>
    <message>
        <source>These corners enclose no area: place them around the part to hide.</source>
        <translation>这些角点未围成区域：请围绕需要遮挡的部分放置角点。</translation>
    </message>
    <message>
        <source>At most {max} areas per camera.</source>
        <translation>每个监控点最多 {max} 个遮挡区域。</translation>
    </message>
</context>
<context>
    <name>PtzDesk</name>
    <message>
        <source>PTZ control of {camera} taken over from {name} (higher priority).</source>
        <translation>已从{name}处接管{camera}的云台控制（优先级更高）。</translation>
    </message>
    <message>
        <source>PTZ control failed: {reason}</source>
        <translation>云台控制失败：{reason}</translation>
    </message>
    <message>
        <source>PTZ is controlled by {name} (same or higher priority).</source>
        <translation>云台正由{name}控制（优先级相同或更高）。</translation>
    </message>
    <message>
        <source>PTZ control refused: {reason}</source>
        <translation>云台控制被拒绝：{reason}</translation>
    </message>
    <message>
        <source>PTZ control was taken over by {name} (higher priority).</source>
        <translation>云台控制已被{name}接管（优先级更高）。</translation>
    </message>
    <message>
        <source>PTZ control ended after {seconds} s without a command; the camera returns to its home position.</source>
        <translation>云台 {seconds} 秒无操作，控制已结束；摄像机正在回到看守位。</translation>
    </message>
    <message>
        <source>PTZ control ended: {reason}</source>
        <translation>云台控制已结束：{reason}</translation>
    </message>
    <message>
        <source>{camera} is back at its home position (verified).</source>
        <translation>{camera} 已回到看守位（已核验位置）。</translation>
    </message>
    <message>
        <source>{camera} is back at its home position (verified by its picture).</source>
        <translation>{camera} 已回到看守位（已按画面核验）。</translation>
    </message>
    <message>
        <source>{camera} was sent home (commanded, not verified: this camera reports no position).</source>
        <translation>{camera} 已下发回看守位指令（未核验：该摄像机不回报位置）。</translation>
    </message>
    <message>
        <source>{camera} did NOT return home: {detail}. The centre is alerted; the console keeps retrying.</source>
        <translation>{camera} 未能回到看守位：{detail}。已向中心报告故障，终端将继续重试。</translation>
    </message>
</context>
<context>
    <name>PtzDock</name>
    <message>
        <source>PTZ control</source>
        <translation>云台控制</translation>
    </message>
</context>
<context>
    <name>PtzEndedText</name>
    <message>
        <source>PTZ control of {code} ended: this console stopped answering the centre, so the centre sent the camera home.</source>
        <translation>{code} 的云台控制已结束：本终端停止应答中心，中心已将摄像机送回看守位。</translation>
    </message>
    <message>
        <source>PTZ control of {code} ended: the centre&apos;s sweep sent the camera home after this console stopped answering.</source>
        <translation>{code} 的云台控制已结束：本终端停止应答后，中心的巡检任务已将摄像机送回看守位。</translation>
    </message>
    <message>
        <source>PTZ control of {code} ended: {name} sent the camera home from this terminal ({terminal}).</source>
        <translation>{code} 的云台控制已结束：{name} 在本终端（{terminal}）上将摄像机送回看守位。</translation>
    </message>
    <message>
        <source>PTZ control of {code} ended: {name} sent the camera home from terminal {terminal}.</source>
        <translation>{code} 的云台控制已结束：{name} 在终端 {terminal} 上将摄像机送回看守位。</translation>
    </message>
</context>
<context>
    <name>PtzPanel</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Zoom in (hold)</source>
        <translation>放大（按住）</translation>
    </message>
    <message>
        <source>Zoom out (hold)</source>
        <translation>缩小（按住）</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>变倍</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Presets (double-click to go)</source>
        <translation>预置位（双击转到）</translation>
    </message>
    <message>
        <source>On the video: press and hold to move towards the pointer, wheel to zoom; arrow keys and +/− while the video or this panel has focus. Releasing control, closing the view or {seconds} s without a command sends the camera back to its home position.</source>
        <translation>在画面上按住鼠标即向指针方向转动，滚轮变倍；画面或本面板有焦点时可用方向键和 +/−。释放控制、关闭画面或 {seconds} 秒无操作后，摄像机自动回到看守位。</translation>
    </message>
    <message>
        <source>Steering: {name}</source>
        <translation>正在控制：{name}</translation>
    </message>
    <message>
        <source>You control this camera.</source>
        <translation>您正在控制该摄像机。</translation>
    </message>
    <message>
        <source>Connecting to the camera…</source>
        <translation>正在连接摄像机…</translation>
    </message>
    <message>
        <source>Release control</source>
        <translation>释放控制</translation>
    </message>
    <message>
        <source>Ends your control: the camera returns to its home position.</source>
        <translation>结束您的控制：摄像机回到看守位。</translation>
    </message>
    <message>
        <source>Taking control…</source>
        <translation>正在获取控制…</translation>
    </message>
    <message>
        <source>No camera selected</source>
        <translation>未选择摄像机</translation>
    </message>
    <message>
        <source>Not steerable, or no PTZ right on this camera.</source>
        <translation>该摄像机不可控，或您没有云台控制权限。</translation>
    </message>
    <message>
        <source>Not controlled by you.</source>
        <translation>您未控制该摄像机。</translation>
    </message>
    <message>
        <source>Take PTZ control</source>
        <translation>获取云台控制</translation>
    </message>
</context>
<context>
    <name>PurposeDialog</name>
    <message>
        <source>Purpose of this view</source>
        <translation>调阅事由</translation>
    </message>
    <message>
        <source>{name} ({code})</source>
        <translation>{name}（{code}）</translation>
    </message>
    <message>
        <source>This monitoring point may be used only for an approved purpose. State the purpose of this view; it is kept in the usage register.</source>
        <translation>该监控点仅限用于经批准的用途。请填写本次调阅的事由，事由将记入使用登记。</translation>
    </message>
    <message>
        <source>e.g. incident 2026-0153, traffic accident follow-up</source>
        <translation>例如：警情 2026-0153，交通事故跟进</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>调阅事由</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
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
        <source>This belongs to another unit: a supervisor handles the grants of their own unit only.</source>
        <translation>这属于其他单位：值班长只能处理本单位的授权。</translation>
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
        <source>The catalogue file was rejected; nothing was imported.</source>
        <translation>资源目录文件未通过校验，未导入任何内容。</translation>
    </message>
    <message>
        <source>This monitoring point is not in the catalogue.</source>
        <translation>资源目录中没有该监控点。</translation>
    </message>
    <message>
        <source>This monitoring point is not shared outside its owner unit.</source>
        <translation>该监控点不予共享，仅限建设单位使用。</translation>
    </message>
    <message>
        <source>You hold no grant for this monitoring point.</source>
        <translation>您没有该监控点的授权。</translation>
    </message>
    <message>
        <source>The grant for this monitoring point has expired.</source>
        <translation>该监控点的授权已过期。</translation>
    </message>
    <message>
        <source>The grant for this monitoring point is not valid yet.</source>
        <translation>该监控点的授权尚未生效。</translation>
    </message>
    <message>
        <source>The grant for this monitoring point was revoked.</source>
        <translation>该监控点的授权已被撤销。</translation>
    </message>
    <message>
        <source>A purpose must be given to open this monitoring point.</source>
        <translation>打开该监控点须填写调阅事由。</translation>
    </message>
    <message>
        <source>The view was closed.</source>
        <translation>调阅已关闭。</translation>
    </message>
    <message>
        <source>This monitoring point has no stream address in the catalogue.</source>
        <translation>资源目录中该监控点没有视频流地址。</translation>
    </message>
    <message>
        <source>The camera sends video in a format the centre does not relay (only H.264 and H.265).</source>
        <translation>该摄像机的视频编码格式中心不予转发（仅支持 H.264 和 H.265）。</translation>
    </message>
    <message>
        <source>The view was closed because the layout has fewer tiles.</source>
        <translation>画面布局的窗格减少，该调阅已关闭。</translation>
    </message>
    <message>
        <source>The view was closed because its wall screen was disconnected.</source>
        <translation>所在的大屏屏幕已断开，调阅已关闭。</translation>
    </message>
    <message>
        <source>This camera cannot be steered from the console (not a PTZ camera, or no PTZ control address in the catalogue).</source>
        <translation>该摄像机无法在终端控制（不是云台摄像机，或资源目录中没有云台控制地址）。</translation>
    </message>
    <message>
        <source>Another operator of the same or a higher priority controls this camera.</source>
        <translation>另一位优先级相同或更高的操作员正在控制该摄像机。</translation>
    </message>
    <message>
        <source>The camera is returning to its home position; try again in a moment.</source>
        <translation>摄像机正在回到看守位，请稍后再试。</translation>
    </message>
    <message>
        <source>PTZ control was released.</source>
        <translation>云台控制已释放。</translation>
    </message>
    <message>
        <source>PTZ control was taken over by an operator with a higher priority.</source>
        <translation>云台控制已被优先级更高的操作员接管。</translation>
    </message>
    <message>
        <source>PTZ control moved to another view of the same operator.</source>
        <translation>云台控制已转到同一操作员的另一画面。</translation>
    </message>
    <message>
        <source>PTZ control ended after a while without a command.</source>
        <translation>云台长时间无操作，控制已结束。</translation>
    </message>
    <message>
        <source>PTZ control ended because its view was closed.</source>
        <translation>画面已关闭，云台控制随之结束。</translation>
    </message>
    <message>
        <source>The console controlling the camera stopped answering; another console sent the camera home.</source>
        <translation>控制该摄像机的终端已失去响应，另一终端已令摄像机回到看守位。</translation>
    </message>
    <message>
        <source>PTZ control ended because the console was closed.</source>
        <translation>终端已关闭，云台控制随之结束。</translation>
    </message>
    <message>
        <source>The camera did not answer the PTZ command or refused it.</source>
        <translation>摄像机未响应或拒绝了云台指令。</translation>
    </message>
    <message>
        <source>The camera was sent home, but its picture does not match its reference picture at home.</source>
        <translation>摄像机已下发回看守位指令，但其画面与看守位参考画面不符。</translation>
    </message>
    <message>
        <source>No picture could be had from the camera.</source>
        <translation>无法从该摄像机取得画面。</translation>
    </message>
    <message>
        <source>The console is locked; unlock it with your password first.</source>
        <translation>终端已锁定，请先输入密码解锁。</translation>
    </message>
    <message>
        <source>This computer is not an enrolled terminal of the centre.</source>
        <translation>本机不是中心已登记注册的专用终端。</translation>
    </message>
    <message>
        <source>The centre does not know this terminal&apos;s certificate (it was enrolled again elsewhere, or the centre was reinstalled).</source>
        <translation>中心不认可本终端的证书（该终端已在别处重新注册，或中心已重新安装）。</translation>
    </message>
    <message>
        <source>The centre has revoked this terminal&apos;s enrolment.</source>
        <translation>中心已吊销本终端的注册。</translation>
    </message>
    <message>
        <source>The centre sees this terminal connect from an address that is not its registered IP address.</source>
        <translation>中心看到本终端的连接来自一个非登记 IP 的地址。</translation>
    </message>
    <message>
        <source>The MAC address of this computer is not the terminal&apos;s registered one.</source>
        <translation>本机的 MAC 地址与该终端登记的 MAC 地址不符。</translation>
    </message>
    <message>
        <source>This session belongs to another terminal.</source>
        <translation>该会话属于其他终端。</translation>
    </message>
    <message>
        <source>Log in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>The enrolment code is unknown, used, expired or mistyped.</source>
        <translation>注册码无效、已使用、已过期或输入有误。</translation>
    </message>
    <message>
        <source>This terminal&apos;s software is older than the centre allows.</source>
        <translation>本终端软件版本低于中心要求的最低版本。</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>请求内容过大。</translation>
    </message>
    <message>
        <source>The centre does not offer this function (check the versions).</source>
        <translation>中心不提供此功能（请核对终端与中心的版本）。</translation>
    </message>
    <message>
        <source>The centre failed to carry this out; it has logged the error.</source>
        <translation>中心执行失败，已记录该错误。</translation>
    </message>
    <message>
        <source>The view was closed because this console stopped confirming it.</source>
        <translation>由于本终端不再续约，该画面已被关闭。</translation>
    </message>
    <message>
        <source>The centre knows no such view.</source>
        <translation>中心没有该画面的记录。</translation>
    </message>
    <message>
        <source>The centre cannot be reached.</source>
        <translation>无法连接中心。</translation>
    </message>
    <message>
        <source>The shift was approved by its supervisor and is locked: nothing can be added or corrected.</source>
        <translation>该班次已由值班长批准并锁定，不能再添加或更正。</translation>
    </message>
    <message>
        <source>You are not on this shift&apos;s duty roster.</source>
        <translation>您不在该班次的排班中。</translation>
    </message>
    <message>
        <source>No city video platform is set up on the centre.</source>
        <translation>中心尚未配置城市视频平台。</translation>
    </message>
    <message>
        <source>The city video platform cannot be reached.</source>
        <translation>无法连接城市视频平台。</translation>
    </message>
    <message>
        <source>The city video platform did not answer in time.</source>
        <translation>城市视频平台响应超时。</translation>
    </message>
    <message>
        <source>The city video platform gave an answer that cannot be read.</source>
        <translation>城市视频平台返回的数据无法解析。</translation>
    </message>
    <message>
        <source>The city video platform refused the centre&apos;s account.</source>
        <translation>城市视频平台拒绝了中心的账号。</translation>
    </message>
    <message>
        <source>The device did not answer the city video platform in time.</source>
        <translation>设备未及时响应城市视频平台（超时或无响应）。</translation>
    </message>
    <message>
        <source>The city video platform could not carry this out.</source>
        <translation>城市视频平台执行失败。</translation>
    </message>
    <message>
        <source>The city video platform refused the request.</source>
        <translation>城市视频平台拒绝了该请求。</translation>
    </message>
    <message>
        <source>The city video platform does not know this device or channel.</source>
        <translation>城市视频平台中没有该设备或通道。</translation>
    </message>
    <message>
        <source>The city video platform reported an internal error.</source>
        <translation>城市视频平台内部错误。</translation>
    </message>
    <message>
        <source>The city video platform gave no stream address for this camera.</source>
        <translation>城市视频平台未给出该摄像机的视频流地址。</translation>
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
        <source>Give its IP address {ip} and MAC address {mac} to the system administrator to have it registered, then enrol it with the code you receive.</source>
        <translation>请将本机 IP 地址 {ip} 和 MAC 地址 {mac} 提供给系统管理员进行登记，再用收到的注册码完成终端注册。</translation>
    </message>
    <message>
        <source>Ask the system administrator for a new enrolment code.</source>
        <translation>请向系统管理员申请新的注册码。</translation>
    </message>
    <message>
        <source>Ask the system administrator why, and for a new enrolment code.</source>
        <translation>请向系统管理员询问原因并申请新的注册码。</translation>
    </message>
    <message>
        <source>It connects from {ip}. Ask the system administrator to check the registration.</source>
        <translation>连接来自 {ip}。请系统管理员核对登记信息。</translation>
    </message>
    <message>
        <source>It reports {mac}. Ask the system administrator to check the registration.</source>
        <translation>本机报告的 MAC 地址为 {mac}。请系统管理员核对登记信息。</translation>
    </message>
    <message>
        <source>This terminal runs version {version}; the centre needs {minimum} or later. Ask the installer to update it.</source>
        <translation>本终端版本为 {version}，中心要求 {minimum} 或更高版本。请联系安装人员升级。</translation>
    </message>
    <message>
        <source>Nothing answers at {address}: the centre server is not running there, or a firewall refuses the connection.</source>
        <translation>{address} 无应答：该地址上的中心服务器未运行，或被防火墙拒绝连接。</translation>
    </message>
    <message>
        <source>{address} did not answer in time: check the network and that the centre server is running.</source>
        <translation>{address} 未及时应答：请检查网络，并确认中心服务器正在运行。</translation>
    </message>
    <message>
        <source>The secure connection to {address} failed: the centre or this terminal is not the enrolled one. Ask the system administrator.</source>
        <translation>与 {address} 的安全连接失败：中心或本终端与登记的不一致。请联系系统管理员。</translation>
    </message>
    <message>
        <source>{address} answered, but not as the centre: check the centre address this terminal was enrolled with.</source>
        <translation>{address} 有应答，但不是中心服务：请检查本终端登记时使用的中心地址。</translation>
    </message>
    <message>
        <source>The network to {address} failed: check the connection.</source>
        <translation>到 {address} 的网络连接失败：请检查网络连接。</translation>
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
        <source>It ended at {until}.</source>
        <translation>授权已于 {until} 到期。</translation>
    </message>
    <message>
        <source>It starts at {valid_from}.</source>
        <translation>授权自 {valid_from} 起生效。</translation>
    </message>
    <message>
        <source>Revoked at {revoked_at}.</source>
        <translation>撤销时间：{revoked_at}。</translation>
    </message>
    <message>
        <source>Reason given: {revoke_reason}</source>
        <translation>撤销原因：{revoke_reason}</translation>
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
    <message>
        <source>An unexpected error occurred; it is written to the console&apos;s log.</source>
        <translation>发生意外错误，已记录在控制台日志中。</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Usage register</source>
        <translation>使用登记簿</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Leak trace</source>
        <translation>泄露溯源</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>任何人</translation>
    </message>
    <message>
        <source>Terminal name, e.g. T-0042</source>
        <translation>终端名称，例如 T-0042</translation>
    </message>
    <message>
        <source>Camera code (20 digits)</source>
        <translation>摄像机编码（20 位）</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>任何操作</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>任何结果</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Purpose contains…</source>
        <translation>调阅事由包含…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除条件</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>调阅事由</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Select a record to see its details.</source>
        <translation>选择一条记录查看详情。</translation>
    </message>
    <message>
        <source>Show older records</source>
        <translation>显示更早的记录</translation>
    </message>
    <message>
        <source>{shown} of {total} matching records shown</source>
        <translation>符合条件的记录共 {total} 条，已显示 {shown} 条</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Type the session code shown in the watermark of a leaked photo or screen recording: the register names who was logged in, on which terminal, when, and which cameras that session showed. Every trace is registered.</source>
        <translation>输入泄露照片或录屏水印中的会话码：登记簿给出当时登录的人员、终端、时间，以及该会话调阅过的摄像机。每次溯源都会被登记。</translation>
    </message>
    <message>
        <source>Session code, e.g. 4P7KB4</source>
        <translation>会话码，例如 4P7KB4</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>溯源</translation>
    </message>
    <message>
        <source>Session code</source>
        <translation>会话码</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>still open</source>
        <translation>仍在调阅</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Shown on</source>
        <translation>显示于</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>打开时间</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>Why closed</source>
        <translation>关闭原因</translation>
    </message>
    <message>
        <source>Cameras this session showed</source>
        <translation>该会话调阅过的摄像机</translation>
    </message>
    <message>
        <source>Wall: {output}</source>
        <translation>大屏：{output}</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>本席</translation>
    </message>
    <message>
        <source>still logged in</source>
        <translation>仍在登录</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>Revoke grant</source>
        <translation>撤销授权</translation>
    </message>
    <message>
        <source>Revoke grant #{id}: {what}. Views it opened close within seconds.</source>
        <translation>撤销授权 #{id}：{what}。由它打开的画面将在数秒内关闭。</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>撤销原因（必填）</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>RightText</name>
    <message>
        <source>Live view</source>
        <translation>实时预览</translation>
    </message>
    <message>
        <source>PTZ control</source>
        <translation>云台控制</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>录像回放</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>视频下载</translation>
    </message>
    <message>
        <source>{right} until {until}</source>
        <translation>{right}，至 {until}</translation>
    </message>
    <message>
        <source>{right} (no end)</source>
        <translation>{right}（长期）</translation>
    </message>
</context>
<context>
    <name>SessionRestore</name>
    <message>
        <source>Not reopened from the last session (no longer permitted): {cameras}</source>
        <translation>上次会话中的以下监控点已无权限，未重新打开：{cameras}</translation>
    </message>
</context>
<context>
    <name>StreamFeeder</name>
    <message>
        <source>The stream address could not be read: {error}</source>
        <translation>无法读取视频流地址：{error}</translation>
    </message>
</context>
<context>
    <name>StreamState</name>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>重连中</translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation>画面停滞</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>No permission</source>
        <translation>无权限</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>main stream</source>
        <translation>主码流</translation>
    </message>
    <message>
        <source>sub stream</source>
        <translation>子码流</translation>
    </message>
</context>
<context>
    <name>SystemDialogs</name>
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
    <message numerus="yes">
        <source>%n open view(s) will be closed.</source>
        <translation>
            <numerusform>将关闭 %n 个打开的视图。</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue?</source>
        <translation>是否继续？</translation>
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
Session: {code}
Screen capture protection: {capture}</source>
        <translation>版本 {version}

终端：{terminal}（{location}）
IP 地址：{ip}
MAC 地址：{mac}
网卡：{interface}
会话：{code}
防截屏：{capture}</translation>
    </message>
    <message>
        <source>The password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>VideoArea</name>
    <message>
        <source>Layout</source>
        <translation>画面布局</translation>
    </message>
    <message numerus="yes">
        <source>%n tile(s)</source>
        <translation>
            <numerusform>%n 画面</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tiles, one large</source>
        <translation>
            <numerusform>%n 画面（一大多小）</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Maximise</source>
        <translation>最大化</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详细信息…</translation>
    </message>
    <message>
        <source>Close this view</source>
        <translation>关闭此画面</translation>
    </message>
    <message>
        <source>View details</source>
        <translation>画面详细信息</translation>
    </message>
    <message>
        <source>Edit privacy masks…</source>
        <translation>编辑隐私遮挡…</translation>
    </message>
    <message>
        <source>{camera}: privacy masks saved ({count}).</source>
        <translation>{camera}：隐私遮挡已保存（{count} 个区域）。</translation>
    </message>
    <message>
        <source>The privacy masks were not saved: {error}</source>
        <translation>隐私遮挡未保存：{error}</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <source>Close this view</source>
        <translation>关闭此画面</translation>
    </message>
    <message>
        <source>Purpose: {purpose}</source>
        <translation>调阅事由：{purpose}</translation>
    </message>
    <message>
        <source>{right}, no end time</source>
        <translation>{right}，长期有效</translation>
    </message>
    <message>
        <source>{right} until {until}</source>
        <translation>{right}，至 {until}</translation>
    </message>
    <message>
        <source>Dismiss this notice</source>
        <translation>关闭此提示</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <source>Drag a monitoring point here to play</source>
        <translation>拖入监控点以播放</translation>
    </message>
    <message>
        <source>No new picture: the stream has stalled.</source>
        <translation>没有新画面：视频流已停滞。</translation>
    </message>
    <message>
        <source>The stream dropped; reconnecting… {detail}</source>
        <translation>视频流中断，正在重连… {detail}</translation>
    </message>
    <message>
        <source>The camera cannot be reached; retrying… {detail}</source>
        <translation>无法连接摄像机，正在重试… {detail}</translation>
    </message>
    <message>
        <source>The recording has ended.</source>
        <translation>录像已播放完毕。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Stream: {kind}</source>
        <translation>码流：{kind}</translation>
    </message>
    <message>
        <source>Decoder: {backend}</source>
        <translation>解码器：{backend}</translation>
    </message>
    <message>
        <source>Address: {url}</source>
        <translation>地址：{url}</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>状态：{state}</translation>
    </message>
</context>
<context>
    <name>WallControl</name>
    <message>
        <source>Screen {name} was connected: it is a wall output now.</source>
        <translation>屏幕 {name} 已接入，现作为大屏输出。</translation>
    </message>
    <message>
        <source>Screen {name} was disconnected; its views were closed.</source>
        <translation>屏幕 {name} 已断开，其上的调阅已关闭。</translation>
    </message>
    <message>
        <source>There is no wall output {name}.</source>
        <translation>没有大屏输出 {name}。</translation>
    </message>
    <message>
        <source>Every tile of {output} shows a view; close one or drop the monitoring point onto its miniature.</source>
        <translation>{output} 的所有窗格均在使用中；请先关闭一个窗格，或将监控点拖到其缩略图上。</translation>
    </message>
    <message>
        <source>{camera}: {reason}</source>
        <translation>{camera}：{reason}</translation>
    </message>
    <message>
        <source>Last session</source>
        <translation>上次会话</translation>
    </message>
</context>
<context>
    <name>WallDock</name>
    <message>
        <source>Video wall</source>
        <translation>视频大屏</translation>
    </message>
    <message>
        <source>Wall presets</source>
        <translation>大屏预案</translation>
    </message>
    <message>
        <source>No saved presets</source>
        <translation>尚无保存的预案</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save what the wall shows now as a preset</source>
        <translation>将大屏当前画面保存为预案</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Show the chosen preset on the wall</source>
        <translation>在大屏上显示所选预案</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>{cameras} monitoring points on {outputs} output(s); saved by {account}</source>
        <translation>{outputs} 个输出上共 {cameras} 个监控点；保存人 {account}</translation>
    </message>
</context>
<context>
    <name>WallMiniature</name>
    <message>
        <source>Drop a monitoring point on a tile of this miniature to show it there on the wall</source>
        <translation>将监控点拖到此缩略图的某个窗格上，即在大屏对应位置播放</translation>
    </message>
</context>
<context>
    <name>WallOutputWindow</name>
    <message>
        <source>Video wall test output — drag here to move</source>
        <translation>大屏测试输出 — 按住此处拖动</translation>
    </message>
    <message>
        <source>Video wall test output</source>
        <translation>视频大屏测试输出</translation>
    </message>
    <message>
        <source>Video wall: screen {name}</source>
        <translation>视频大屏：屏幕 {name}</translation>
    </message>
    <message>
        <source>Test output (a window on this screen)</source>
        <translation>测试输出（本屏幕上的窗口）</translation>
    </message>
    <message>
        <source>Screen {name}</source>
        <translation>屏幕 {name}</translation>
    </message>
</context>
<context>
    <name>WallPresets</name>
    <message>
        <source>Save wall preset</source>
        <translation>保存大屏预案</translation>
    </message>
    <message>
        <source>Name of the preset (a preset of the same name is replaced):</source>
        <translation>预案名称（同名预案将被替换）：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Wall preset {name} replaced.</source>
        <translation>大屏预案 {name} 已替换。</translation>
    </message>
    <message>
        <source>Wall preset {name} saved.</source>
        <translation>大屏预案 {name} 已保存。</translation>
    </message>
    <message>
        <source>Delete wall preset</source>
        <translation>删除大屏预案</translation>
    </message>
    <message>
        <source>Delete the wall preset {name}?</source>
        <translation>确定删除大屏预案 {name}？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Wall preset {name} deleted.</source>
        <translation>大屏预案 {name} 已删除。</translation>
    </message>
    <message>
        <source>The wall presets cannot be read or written: {error}</source>
        <translation>无法读写大屏预案：{error}</translation>
    </message>
    <message>
        <source>{camera}: {reason}</source>
        <translation>{camera}：{reason}</translation>
    </message>
    <message>
        <source>Wall preset {name}: {opened} of {total} monitoring points shown.</source>
        <translation>大屏预案 {name}：{total} 个监控点中已上墙 {opened} 个。</translation>
    </message>
    <message>
        <source>Not connected: {outputs}.</source>
        <translation>未接入的输出：{outputs}。</translation>
    </message>
    <message>
        <source>Not shown: {cameras}</source>
        <translation>未上墙：{cameras}</translation>
    </message>
</context>
<context>
    <name>Watermark</name>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
</context>
</TS>
