<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh">
<context>
    <name>AnalysisWorker</name>
    <message>
        <source>The analysis stopped because of an unexpected error ({error}).</source>
        <translation>分析因意外错误而停止（{error}）。</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Run an analysis to see results</source>
        <translation>运行分析以查看结果</translation>
    </message>
</context>
<context>
    <name>BuildingDialog</name>
    <message>
        <source>Building {key}</source>
        <translation>建筑 {key}</translation>
    </message>
    <message>
        <source>Now {height} m tall, used as: {use}.</source>
        <translation>当前高度 {height} 米，用途：{use}。</translation>
    </message>
    <message>
        <source>Height unknown, used as: {use}.</source>
        <translation>高度未知，用途：{use}。</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用途</translation>
    </message>
</context>
<context>
    <name>CompareViews</name>
    <message>
        <source>Compare side by side</source>
        <translation>并排比较</translation>
    </message>
    <message>
        <source>The baseline in a second view beside the scenario, cameras linked</source>
        <translation>在情景旁边的第二个视图中显示现状状态，两个相机联动</translation>
    </message>
    <message>
        <source>Swipe baseline and scenario</source>
        <translation>滑动对比现状与情景</translation>
    </message>
    <message>
        <source>One picture: the baseline left of a divider you drag, the scenario right of it</source>
        <translation>同一画面：可拖动分隔线的左侧为现状，右侧为情景</translation>
    </message>
    <message>
        <source>Open a city first, then compare.</source>
        <translation>请先打开一个城市，再进行比较。</translation>
    </message>
    <message>
        <source>Scenario: {name}</source>
        <translation>情景：{name}</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>现状</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Scenario comparison</source>
        <translation>情景比较</translation>
    </message>
</context>
<context>
    <name>ComparisonPanel</name>
    <message>
        <source>Run an analysis, then choose or edit a scenario to compare it.</source>
        <translation>请先运行一项分析，然后选择或编辑一个情景进行比较。</translation>
    </message>
    <message>
        <source>Show the change in 3D</source>
        <translation>在三维视图中显示变化</translation>
    </message>
    <message>
        <source>District</source>
        <translation>街区</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>现状</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>The baseline is shown: choose or create a scenario to compare.</source>
        <translation>当前显示的是现状状态：请选择或创建一个情景进行比较。</translation>
    </message>
    <message>
        <source>Scenario “{scenario}” against the baseline</source>
        <translation>情景“{scenario}”与现状的比较</translation>
    </message>
    <message>
        <source>percentage points</source>
        <translation>个百分点</translation>
    </message>
    <message>
        <source>Changes are in {unit}.</source>
        <translation>变化的单位为{unit}。</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>无数值</translation>
    </message>
    <message>
        <source>= no change</source>
        <translation>＝ 无变化</translation>
    </message>
    <message>
        <source>▲ up</source>
        <translation>▲ 上升</translation>
    </message>
    <message>
        <source>▼ down</source>
        <translation>▼ 下降</translation>
    </message>
    <message>
        <source>▲ better</source>
        <translation>▲ 改善</translation>
    </message>
    <message>
        <source>▲ worse</source>
        <translation>▲ 恶化</translation>
    </message>
    <message>
        <source>▼ better</source>
        <translation>▼ 改善</translation>
    </message>
    <message>
        <source>▼ worse</source>
        <translation>▼ 恶化</translation>
    </message>
</context>
<context>
    <name>ComparisonSession</name>
    <message>
        <source>Updating the indicators</source>
        <translation>正在更新指标</translation>
    </message>
    <message>
        <source>Scenario comparison</source>
        <translation>情景比较</translation>
    </message>
    <message>
        <source>Change in {indicator}</source>
        <translation>{indicator}的变化</translation>
    </message>
</context>
<context>
    <name>ConnectFeedDialog</name>
    <message>
        <source>Connect feed</source>
        <translation>连接数据流</translation>
    </message>
    <message>
        <source>{title} ({schemes}; built-in)</source>
        <translation>{title}（{schemes}；内置）</translation>
    </message>
    <message>
        <source>{title} ({schemes}; from {package})</source>
        <translation>{title}（{schemes}；来自 {package}）</translation>
    </message>
    <message>
        <source>{title} ({schemes}; plugin)</source>
        <translation>{title}（{schemes}；插件）</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>shown in the feed panel and the layer list</source>
        <translation>显示在数据流面板和图层列表中</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Give the feed&apos;s address, such as {example}.</source>
        <translation>请输入数据流的地址，例如 {example}。</translation>
    </message>
</context>
<context>
    <name>ControlBar</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一个</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一个 ▶</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>全景</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>DistrictPanel</name>
    <message>
        <source>All selected</source>
        <extracomment>the row of the whole selection (English source, as a district key; shown translated)</extracomment>
        <translation>全部所选</translation>
    </message>
    <message>
        <source>Districts (none ticked = all)</source>
        <translation>街区（不勾选 = 全部）</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Provenance…</source>
        <translation>来源追溯…</translation>
    </message>
    <message>
        <source>No analysis run yet.</source>
        <translation>尚未运行任何分析。</translation>
    </message>
    <message>
        <source>{definition}
(key: {key})</source>
        <translation>{definition}
（键：{key}）</translation>
    </message>
</context>
<context>
    <name>EditTools</name>
    <message>
        <source>Add stop</source>
        <extracomment>the marker following the mouse moves at most this often (milliseconds) a click within this many pixels of a street, stop or tree finds it even when that is many metres an edit was handed to the workshop (accepted or refused): the tool&apos;s name a marker follows the mouse where a click would put a stop; None: decided by the OpenGL (off on a software one, where each redraw takes about a second)</extracomment>
        <translation>添加站点</translation>
    </message>
    <message>
        <source>Click near a street: a new stop is placed on it</source>
        <translation>在街道附近点击：新站点会放在该街道上</translation>
    </message>
    <message>
        <source>Move stop</source>
        <translation>移动站点</translation>
    </message>
    <message>
        <source>Click a stop, then its new place on a street</source>
        <translation>先点击一个站点，再点击它在街道上的新位置</translation>
    </message>
    <message>
        <source>Remove stop</source>
        <translation>删除站点</translation>
    </message>
    <message>
        <source>Click a stop to remove it</source>
        <translation>点击要删除的站点</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加线路</translation>
    </message>
    <message>
        <source>Click stops or street points in order; double-click or Enter finishes, Esc cancels</source>
        <translation>依次点击站点或街道上的点；双击或按 Enter 完成，按 Esc 取消</translation>
    </message>
    <message>
        <source>Add trees</source>
        <translation>添加树木</translation>
    </message>
    <message>
        <source>Each click plants a tree</source>
        <translation>每次点击种一棵树</translation>
    </message>
    <message>
        <source>Remove trees</source>
        <translation>删除树木</translation>
    </message>
    <message>
        <source>Click a tree to remove it</source>
        <translation>点击要删除的树</translation>
    </message>
    <message>
        <source>Draw green area</source>
        <translation>绘制绿地</translation>
    </message>
    <message>
        <source>Click the corners of a park; double-click or Enter closes it, Esc cancels</source>
        <translation>点击公园的各个角；双击或按 Enter 闭合，按 Esc 取消</translation>
    </message>
    <message>
        <source>Remove green area</source>
        <translation>删除绿地</translation>
    </message>
    <message>
        <source>Click a park or green area to remove it</source>
        <translation>点击要删除的公园或绿地</translation>
    </message>
    <message>
        <source>Building height / use</source>
        <translation>建筑高度 / 用途</translation>
    </message>
    <message>
        <source>Click a building to change its height or use</source>
        <translation>点击建筑以更改其高度或用途</translation>
    </message>
    <message>
        <source>Car-free street</source>
        <translation>无车街道</translation>
    </message>
    <message>
        <source>Click a street to make it car-free</source>
        <translation>点击街道，使其禁止机动车通行</translation>
    </message>
    <message>
        <source>Edit scenario</source>
        <translation>编辑情景</translation>
    </message>
    <message>
        <source>New stops:</source>
        <translation>新站点：</translation>
    </message>
    <message>
        <source>The mode of the stops the Add stop tool places</source>
        <translation>“添加站点”工具放置的站点的交通方式</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Finish the line or the green area being drawn (Enter)</source>
        <translation>完成正在绘制的线路或绿地（Enter）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Drop what is being drawn (Esc)</source>
        <translation>放弃正在绘制的内容（Esc）</translation>
    </message>
    <message>
        <source>Click on the city, not the sky.</source>
        <translation>请点击城市，而不是天空。</translation>
    </message>
    <message>
        <source>Done: {what}. Undo with Ctrl+Z.</source>
        <translation>已完成：{what}。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>No street within {metres} m of the click; click nearer a street.</source>
        <translation>点击处 {metres} 米内没有街道；请在更靠近街道的地方点击。</translation>
    </message>
    <message>
        <source>No stop there; click on a stop.</source>
        <translation>那里没有站点；请点击一个站点。</translation>
    </message>
    <message>
        <source>New stop {number}</source>
        <translation>新站点 {number}</translation>
    </message>
    <message>
        <source>Now click the new place of the stop {stop}.</source>
        <translation>现在点击站点 {stop} 的新位置。</translation>
    </message>
    <message>
        <source>{count} stops so far; double-click or press Enter to finish.</source>
        <translation>目前已有 {count} 个站点；双击或按 Enter 完成。</translation>
    </message>
    <message>
        <source>A line needs at least two stops; click another one.</source>
        <translation>线路至少需要两个站点；请再点击一个。</translation>
    </message>
    <message>
        <source>New line {number}</source>
        <translation>新线路 {number}</translation>
    </message>
    <message>
        <source>No tree there; click on a tree.</source>
        <translation>那里没有树；请点击一棵树。</translation>
    </message>
    <message>
        <source>{count} corners so far; double-click or press Enter to close the area.</source>
        <translation>目前已有 {count} 个角；双击或按 Enter 闭合该区域。</translation>
    </message>
    <message>
        <source>A green area needs at least three corners; click another one.</source>
        <translation>绿地至少需要三个角；请再点击一个。</translation>
    </message>
    <message>
        <source>This outline crosses itself or encloses nothing, so it cannot be a green area; press Esc and draw it again without crossing lines.</source>
        <translation>该轮廓自相交或未围成任何区域，不能作为绿地；请按 Esc，不交叉地重新绘制。</translation>
    </message>
    <message>
        <source>New green area</source>
        <translation>新绿地</translation>
    </message>
    <message>
        <source>No park or green area there; click inside one.</source>
        <translation>那里没有公园或绿地；请在其内部点击。</translation>
    </message>
    <message>
        <source>No building there; click on a building.</source>
        <translation>那里没有建筑；请点击一栋建筑。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>1280×720 (HD)</source>
        <extracomment>the sizes offered besides the view&apos;s own (the largest is the export limit)</extracomment>
        <translation>1280×720（高清）</translation>
    </message>
    <message>
        <source>1920×1080 (Full HD, slides)</source>
        <translation>1920×1080（全高清，幻灯片）</translation>
    </message>
    <message>
        <source>3840×2160 (4K, posters)</source>
        <translation>3840×2160（4K，海报）</translation>
    </message>
    <message>
        <source>As the view ({width}×{height})</source>
        <translation>与视图相同（{width}×{height}）</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>Image size (text scales with it):</source>
        <translation>图像尺寸（文字随之缩放）：</translation>
    </message>
</context>
<context>
    <name>ExportPinsDialog</name>
    <message>
        <source>Export feedback pins</source>
        <translation>导出意见图钉</translation>
    </message>
    <message>
        <source>The {count} pins listed are exported. The file&apos;s ending chooses its format: .gpkg (GeoPackage), .geojson (GeoJSON) or .csv (a table).</source>
        <translation>将导出列表中的 {count} 个图钉。文件扩展名决定格式：.gpkg（GeoPackage）、.geojson（GeoJSON）或 .csv（表格）。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Include residents&apos; names</source>
        <translation>包含居民姓名</translation>
    </message>
    <message>
        <source>Names are personal data: export them only where residents agreed.</source>
        <translation>姓名属于个人数据：仅在居民同意时才导出。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>GeoJSON 文件 (*.geojson)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
</context>
<context>
    <name>FeedPanel</name>
    <message>
        <source>Feed</source>
        <extracomment>at most this often (ms): twice a second reads as live and costs nothing under a flood a rate worked out from counts is averaged over this many seconds (feeds deliver in bursts) the columns, by their English names (``row_texts``&apos; keys); the headers show them translated</extracomment>
        <translation>数据流</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation>条/秒</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>已存储</translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation>格式错误</translation>
    </message>
    <message>
        <source>connecting</source>
        <extracomment>what ``row_texts`` calls the line under a feed&apos;s row that shows its last error each state as the panel says it</extracomment>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>正在重新连接</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>{title}
source: {source}
stored as: {id}</source>
        <translation>{title}
来源：{source}
存储为：{id}</translation>
    </message>
    <message>
        <source>Simulated: {statement}</source>
        <extracomment>each feed&apos;s (monotonic time, messages received) over the last RATE_WINDOW_S (for a rate)</extracomment>
        <translation>模拟数据：{statement}</translation>
    </message>
    <message>
        <source>Malformed messages: {count}. For example:
{samples}</source>
        <translation>格式错误的消息：{count} 条。例如：
{samples}</translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>最近的错误：{error}</translation>
    </message>
</context>
<context>
    <name>FeedbackDock</name>
    <message>
        <source>Feedback</source>
        <translation>意见</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <source>Feedback pins are kept in a project. Start one with File → New project… (or open one), then drop pins on the map.</source>
        <translation>意见图钉保存在项目中。请通过“文件 → 新建项目…”创建项目（或打开一个）,然后在地图上放置图钉。</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Active scenario</source>
        <translation>当前情景</translation>
    </message>
    <message>
        <source>All scenarios</source>
        <translation>所有情景</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Then click the pin&apos;s new place in the 3D view</source>
        <translation>然后在三维视图中点击图钉的新位置</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>想法</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>赞</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind}：{count} 个</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>现状</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>ImportWorker</name>
    <message>
        <source>Building the city &apos;{name}&apos;…</source>
        <translation>正在创建城市“{name}”…</translation>
    </message>
    <message>
        <source>The city &apos;{name}&apos; could not be built</source>
        <translation>无法创建城市“{name}”</translation>
    </message>
</context>
<context>
    <name>InfoPanel</name>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <extracomment>(level, source, text) for the messages panel</extracomment>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the running job (and drop the waiting ones)</source>
        <translation>停止正在运行的任务（并放弃等待中的任务）</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Cancelling {job}…</source>
        <translation>正在取消 {job}…</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Waiting jobs dropped: {count}.</source>
        <translation>已放弃的等待任务：{count} 个。</translation>
    </message>
    <message>
        <source>{job} (+{count} waiting)</source>
        <translation>{job}（另有 {count} 个等待）</translation>
    </message>
    <message>
        <source>Running: {job}</source>
        <translation>正在运行：{job}</translation>
    </message>
    <message>
        <source>Waiting: {job}</source>
        <translation>等待中：{job}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>No installed font has the letters of {language}, so its text may show as empty boxes. Install a CJK font (on Debian or Ubuntu: sudo apt-get install fonts-noto-cjk), then start twin_app again.</source>
        <extracomment>the compiled Qt translations of twin_app&apos;s own texts where the chosen language is kept between runs (QSettings organisation, application, key) the writing system each language needs a font for (Latin ones are in every font) Qt&apos;s locale for each code (the one whose ``qtbase_*.qm`` and number formats fit) the dynamic property on which :func:`keep_translated` keeps a widget&apos;s source texts Qt ships some of its own translations only for one country&apos;s variant</extracomment>
        <translation>没有已安装的字体包含{language}的字符，文字可能显示为空白方框。请安装 CJK 字体（Debian 或 Ubuntu：sudo apt-get install fonts-noto-cjk），然后重新启动 twin_app。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>(single colour)</source>
        <extracomment>the colour-by choice that means &quot;no column&quot; (English source; shown translated)</extracomment>
        <translation>（单一颜色）</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>要素</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>着色依据</translation>
    </message>
</context>
<context>
    <name>LegendDock</name>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <source>What the colours on the map mean</source>
        <extracomment>the dock keeps at least this height (pixels) for its first entry</extracomment>
        <translation>地图上各颜色的含义</translation>
    </message>
    <message>
        <source>No coloured layer is shown.</source>
        <translation>未显示任何着色图层。</translation>
    </message>
</context>
<context>
    <name>LineDialog</name>
    <message>
        <source>New line</source>
        <extracomment>the transit modes a new stop or line may have (the names ``timetable.mode_name`` gives GTFS routes) building uses offered first (any other OSM ``building`` value can be typed)</extracomment>
        <translation>新线路</translation>
    </message>
    <message>
        <source>A line through {count} stops.</source>
        <translation>经过 {count} 个站点的线路。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>交通方式</translation>
    </message>
    <message>
        <source> per hour</source>
        <translation> 班/小时</translation>
    </message>
    <message>
        <source>Departures each way</source>
        <translation>每个方向的发车班次</translation>
    </message>
</context>
<context>
    <name>LiveSession</name>
    <message>
        <source>{station} reads {reading} at {time}: beyond {rule}.</source>
        <extracomment>tests and portable installs put the live stores here instead of the user&apos;s data folder how far behind the newest observation live mode shows (s): two fixes of a 1 Hz feed and some slack the feed panel is refreshed this often (s), by the frame timer: at most twice a second the span the slider covers is read again this often (s): it grows as the feeds store more extra references to None, topped up while the live timer runs (see :func:`keep_none_alive`) the duration of the last frames&apos; work on the clock and playback (s) the duration of the last redraws of the view (s), whatever asked for them</extracomment>
        <translation>{station} 在 {time} 的读数为 {reading}，超出 {rule}。</translation>
    </message>
    <message>
        <source>{station} reads {reading} at {time}: beyond its threshold.</source>
        <translation>{station} 在 {time} 的读数为 {reading}，超出其阈值。</translation>
    </message>
</context>
<context>
    <name>LoadWorker</name>
    <message>
        <source>Opening {file}…</source>
        <translation>正在打开 {file}…</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; could not be opened</source>
        <translation>无法打开“{path}”</translation>
    </message>
    <message>
        <source>Loading the city &apos;{city}&apos; stopped</source>
        <translation>城市“{city}”的加载已停止</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Preparing the 3D view…</source>
        <extracomment>while a city loads, redraw at most this often (a small city is drawn once, at the end) the city&apos;s layers have all been loaded (a scenario is shown on them only then) the raw parameters each analysis was last run with in this window (the report uses them)</extracomment>
        <translation>正在准备 3D 视图…</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <source>Districts and results</source>
        <translation>街区与结果</translation>
    </message>
    <message>
        <source>Data sources</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>click tools added by panels (pins, scenario editing): action → handler(x, y)</extracomment>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;city…</source>
        <translation>打开城市(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;New city from files…</source>
        <translation>从文件新建城市(&amp;N)…</translation>
    </message>
    <message>
        <source>Import &amp;table…</source>
        <translation>导入表格(&amp;T)…</translation>
    </message>
    <message>
        <source>Connect &amp;feed…</source>
        <translation>连接数据流(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Export view as PNG…</source>
        <translation>将视图导出为 PNG(&amp;E)…</translation>
    </message>
    <message>
        <source>Export scene as &amp;glTF…</source>
        <translation>将场景导出为 glTF(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>报告(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Analyses</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>{name} (could not be loaded)</source>
        <translation>{name}（无法加载）</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Data sources and licences</source>
        <translation>数据来源与许可</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>复位</translation>
    </message>
    <message>
        <source>Frame the whole city again (Home, H or R in the 3D view)</source>
        <translation>重新显示整座城市（在 3D 视图中按 Home、H 或 R）</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <source>Save the 3D view as a PNG image</source>
        <translation>将 3D 视图保存为 PNG 图像</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>识别</translation>
    </message>
    <message>
        <source>Click a feature to see its attributes and results</source>
        <translation>单击要素以查看其属性和结果</translation>
    </message>
    <message>
        <source>Select districts</source>
        <translation>选择街区</translation>
    </message>
    <message>
        <source>While on, clicking in the 3D view ticks or unticks a district.</source>
        <translation>开启时，在 3D 视图中单击可勾选或取消勾选街区。</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>Click two or more points to measure the distance along them on the map; Esc clears</source>
        <translation>在地图上单击两个或更多点，测量沿这些点的距离；按 Esc 清除</translation>
    </message>
    <message>
        <source>Click on the city to measure.</source>
        <translation>请单击城市进行测量。</translation>
    </message>
    <message>
        <source>Measure: click the next point (Esc clears).</source>
        <translation>测量：请单击下一个点（按 Esc 清除）。</translation>
    </message>
    <message>
        <source>Distance on the map: {distance} (Esc clears)</source>
        <translation>地图上的距离：{distance}（按 Esc 清除）</translation>
    </message>
    <message>
        <source>Measurement cleared.</source>
        <translation>已清除测量。</translation>
    </message>
    <message>
        <source>Starting the 3D view…</source>
        <translation>正在启动 3D 视图…</translation>
    </message>
    <message>
        <source>Districts: {names}</source>
        <translation>街区：{names}</translation>
    </message>
    <message>
        <source>Districts: all</source>
        <translation>街区：全部</translation>
    </message>
    <message>
        <source>Nothing to identify there.</source>
        <translation>该处没有可识别的对象。</translation>
    </message>
    <message>
        <source>{layer}: feature {feature}</source>
        <translation>{layer}：要素 {feature}</translation>
    </message>
    <message>
        <source>The city could not be opened</source>
        <translation>无法打开城市</translation>
    </message>
    <message>
        <source>Loading {city}</source>
        <translation>正在加载 {city}</translation>
    </message>
    <message>
        <source>Opening {files}</source>
        <translation>正在打开 {files}</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>尚未就绪</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then run the analysis.</source>
        <translation>请等待城市加载完毕，然后再运行分析。</translation>
    </message>
    <message>
        <source>The analysis is not available</source>
        <translation>该分析不可用</translation>
    </message>
    <message>
        <source>Analysis {name}</source>
        <translation>分析 {name}</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>The analysis could not finish</source>
        <translation>分析未能完成</translation>
    </message>
    <message>
        <source>Analysis cancelled.</source>
        <translation>分析已取消。</translation>
    </message>
    <message>
        <source>Analysis finished.</source>
        <translation>分析已完成。</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>加载已取消。</translation>
    </message>
    <message>
        <source>Ready. Layers: {count}.</source>
        <translation>就绪。图层：{count} 个。</translation>
    </message>
    <message>
        <source>Some data could not be loaded</source>
        <translation>部分数据无法加载</translation>
    </message>
    <message>
        <source>Open a city folder (with city.toml)</source>
        <translation>打开城市文件夹（含 city.toml）</translation>
    </message>
    <message>
        <source>Open data files</source>
        <translation>打开数据文件</translation>
    </message>
    <message>
        <source>Data ({patterns});;All files (*)</source>
        <translation>数据 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>数据流</translation>
    </message>
    <message>
        <source>This window cannot start feeds yet; ingest it with &apos;twin-app feed ingest&apos;.</source>
        <translation>此窗口尚不能启动数据流；请使用“twin-app feed ingest”导入。</translation>
    </message>
    <message>
        <source>Building the city {name}</source>
        <translation>正在创建城市 {name}</translation>
    </message>
    <message>
        <source>New city</source>
        <translation>新城市</translation>
    </message>
    <message>
        <source>The city could not be created</source>
        <translation>无法创建城市</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>The view could not be exported</source>
        <translation>无法导出视图</translation>
    </message>
    <message>
        <source>There is no view to export yet: open a city first.</source>
        <translation>还没有可导出的视图：请先打开一座城市。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <source>Export scene</source>
        <translation>导出场景</translation>
    </message>
    <message>
        <source>Binary glTF (*.glb)</source>
        <translation>二进制 glTF (*.glb)</translation>
    </message>
    <message>
        <source>The scene could not be exported</source>
        <translation>无法导出场景</translation>
    </message>
    <message>
        <source>The scene was saved to {path}.</source>
        <translation>场景已保存到 {path}。</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then make the report.</source>
        <translation>请等待城市加载完毕，然后再生成报告。</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>The report was saved to {path}.</source>
        <translation>报告已保存到 {path}。</translation>
    </message>
    <message>
        <source>The report could not be made</source>
        <translation>无法生成报告</translation>
    </message>
    <message>
        <source>No city is open.</source>
        <translation>尚未打开任何城市。</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>source and licence not stated: see the file&apos;s own notes</source>
        <translation>未注明来源和许可：请查看文件本身的说明</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可</translation>
    </message>
    <message>
        <source>Live feeds</source>
        <translation>实时数据流</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>No city is open</source>
        <translation>尚未打开任何城市</translation>
    </message>
    <message>
        <source>Open a city first, then connect the feed to it.</source>
        <translation>请先打开一座城市，再为其连接数据流。</translation>
    </message>
    <message>
        <source>The feed {name} could not start: {reason}</source>
        <translation>数据流 {name} 无法启动：{reason}</translation>
    </message>
    <message>
        <source>Simulated data shown, not real-time: {feeds}</source>
        <translation>当前显示的是模拟数据，并非实时数据：{feeds}</translation>
    </message>
</context>
<context>
    <name>NewCityDialog</name>
    <message>
        <source>New city from files</source>
        <translation>从文件新建城市</translation>
    </message>
    <message>
        <source>Vector files (*.gpkg *.geojson *.shp *.fgb)</source>
        <translation>矢量文件 (*.gpkg *.geojson *.shp *.fgb)</translation>
    </message>
    <message>
        <source>OpenStreetMap extract</source>
        <translation>OpenStreetMap 提取文件</translation>
    </message>
    <message>
        <source>OSM (*.osm *.osm.bz2 *.osm.pbf *.pbf)</source>
        <translation>OSM 数据 (*.osm *.osm.bz2 *.osm.pbf *.pbf)</translation>
    </message>
    <message>
        <source>GTFS feed</source>
        <translation>GTFS 数据</translation>
    </message>
    <message>
        <source>GTFS (*.zip)</source>
        <translation>GTFS 数据 (*.zip)</translation>
    </message>
    <message>
        <source>Population grid</source>
        <translation>人口格网</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>街区</translation>
    </message>
    <message>
        <source>The column of the districts file that holds their names.</source>
        <translation>街区文件中存放街区名称的列。</translation>
    </message>
    <message>
        <source>chosen from the OSM file</source>
        <translation>根据 OSM 文件选择</translation>
    </message>
    <message>
        <source>Without a districts file: the OSM admin_level of the districts.</source>
        <translation>没有街区文件时：街区在 OSM 中的 admin_level。</translation>
    </message>
    <message>
        <source>Raster (e.g. heat)</source>
        <translation>栅格（如高温）</translation>
    </message>
    <message>
        <source>Raster (*.tif *.tiff)</source>
        <translation>栅格 (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>as the raster states (e.g. °C)</source>
        <translation>按栅格自身说明（如 °C）</translation>
    </message>
    <message>
        <source>© OpenStreetMap contributors (ODbL)</source>
        <extracomment>a credit per given file; empty means &quot;what the file itself says&quot;</extracomment>
        <translation>© OpenStreetMap 贡献者 (ODbL)</translation>
    </message>
    <message>
        <source>as the file states, if it does</source>
        <translation>如文件有说明，则按文件所述</translation>
    </message>
    <message>
        <source>by building type (docs/buildings.md)</source>
        <translation>按建筑类型（docs/buildings.md）</translation>
    </message>
    <message>
        <source>Parent folder</source>
        <translation>上级文件夹</translation>
    </message>
    <message>
        <source>credit</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>City name</source>
        <translation>城市名称</translation>
    </message>
    <message>
        <source>OSM file (required)</source>
        <translation>OSM 文件（必填）</translation>
    </message>
    <message>
        <source>District name column</source>
        <translation>街区名称列</translation>
    </message>
    <message>
        <source>District admin level</source>
        <translation>街区行政级别</translation>
    </message>
    <message>
        <source>Raster</source>
        <translation>栅格</translation>
    </message>
    <message>
        <source>Raster label</source>
        <translation>栅格标签</translation>
    </message>
    <message>
        <source>Raster units</source>
        <translation>栅格单位</translation>
    </message>
    <message>
        <source>Storey height (m)</source>
        <translation>层高（米）</translation>
    </message>
    <message>
        <source>Default building height (m)</source>
        <translation>默认建筑高度（米）</translation>
    </message>
    <message>
        <source>Save in</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>The storey height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>层高必须是以米为单位的数字，例如 3 或 2.8，而不是“{text}”。</translation>
    </message>
    <message>
        <source>The default building height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>默认建筑高度必须是以米为单位的数字，例如 3 或 2.8，而不是“{text}”。</translation>
    </message>
</context>
<context>
    <name>ParamDialog</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>Tick districts to analyse; none ticked means all.</source>
        <translation>勾选要分析的街区；不勾选则分析全部。</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Drop a feedback pin</source>
        <extracomment>the list&apos;s columns what a filter combo holds for &quot;every category&quot; / &quot;every scenario&quot;</extracomment>
        <translation>放置意见图钉</translation>
    </message>
    <message>
        <source>What kind of remark is it?</source>
        <translation>这是哪一类意见？</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>想法</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>I like this</source>
        <translation>我喜欢这里</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>What the resident said, in a few words</source>
        <translation>用几句话记下居民所说的</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>姓名（可选）</translation>
    </message>
    <message>
        <source>Only if the resident wants to give it</source>
        <translation>仅在居民愿意提供时填写</translation>
    </message>
    <message>
        <source>Drop pin</source>
        <translation>放置图钉</translation>
    </message>
    <message>
        <source>{count} of {limit} characters</source>
        <translation>{count} / {limit} 个字符</translation>
    </message>
</context>
<context>
    <name>PinsController</name>
    <message>
        <source>Drop pin</source>
        <extracomment>the dialogs open now (tests drive them)</extracomment>
        <translation>放置图钉</translation>
    </message>
    <message>
        <source>Click in the 3D view where a resident points, then say what they said</source>
        <translation>在三维视图中点击居民所指的地方,然后记下他们的意见</translation>
    </message>
    <message>
        <source>Move pin</source>
        <translation>移动图钉</translation>
    </message>
    <message>
        <source>Click the selected pin&apos;s new place in the 3D view</source>
        <translation>在三维视图中点击所选图钉的新位置</translation>
    </message>
    <message>
        <source>Start a project first (File → New project…): pins are kept in it.</source>
        <translation>请先创建项目（文件 → 新建项目…）：图钉保存在项目中。</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to drop a pin.</source>
        <translation>请点击城市而不是天空来放置图钉。</translation>
    </message>
    <message>
        <source>Pin {number} dropped and saved in the project.</source>
        <translation>图钉 {number} 已放置并保存到项目中。</translation>
    </message>
    <message>
        <source>Pin {number}: {comment}</source>
        <translation>图钉 {number}：{comment}</translation>
    </message>
    <message>
        <source>Click the pin&apos;s new place in the 3D view.</source>
        <translation>在三维视图中点击图钉的新位置。</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to move the pin.</source>
        <translation>请点击城市而不是天空来移动图钉。</translation>
    </message>
    <message>
        <source>Pin {number} moved.</source>
        <translation>图钉 {number} 已移动。</translation>
    </message>
    <message>
        <source>Delete the pin?</source>
        <translation>删除该图钉？</translation>
    </message>
    <message>
        <source>Delete pin {number} (“{comment}”)? This cannot be undone.</source>
        <translation>删除图钉 {number}（“{comment}”）？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Pin {number} deleted.</source>
        <translation>图钉 {number} 已删除。</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>The pins could not be exported</source>
        <translation>无法导出图钉</translation>
    </message>
    <message>
        <source>The pins were saved to {path}.</source>
        <translation>图钉已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>PinsLegend</name>
    <message>
        <source>Idea</source>
        <translation>想法</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>赞</translation>
    </message>
    <message>
        <source>Feedback pins</source>
        <translation>意见图钉</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind}：{count} 个</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Presentation</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>No story yet</source>
        <translation>还没有故事</translation>
    </message>
    <message>
        <source>Save views in the Story panel to play them here, one after another.</source>
        <translation>在“故事”面板中保存视图，即可在此逐一播放。</translation>
    </message>
    <message>
        <source>Views in the story: {count}</source>
        <translation>故事中的视图：{count} 个</translation>
    </message>
    <message>
        <source>Next flies to the first: {name}.</source>
        <translation>按“下一个”飞往第一个视图：{name}。</translation>
    </message>
    <message>
        <source>{index} of {count}: {name}</source>
        <translation>第 {index} 个，共 {count} 个：{name}</translation>
    </message>
    <message>
        <source>Show scenario: {name}</source>
        <translation>显示方案：{name}</translation>
    </message>
    <message>
        <source>Show baseline</source>
        <translation>显示现状</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Show the presentation on:</source>
        <translation>在此屏幕上演示：</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>The city full screen with the story&apos;s controls (Esc leaves)</source>
        <translation>全屏显示城市及故事控制按钮（按 Esc 退出）</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Layers that could not be shown: {count}. The others are loaded.</source>
        <translation>无法显示的图层：{count} 个。其余图层已加载。</translation>
    </message>
</context>
<context>
    <name>Provenance</name>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>{title} ({analysis} {version})</source>
        <translation>{title}（{analysis}，版本 {version}）</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>{started} to {finished}</source>
        <translation>{started} 至 {finished}</translation>
    </message>
    <message>
        <source>Parameter: {name}</source>
        <translation>参数：{name}</translation>
    </message>
    <message>
        <source>{path}, SHA-256 {digest}…</source>
        <translation>{path}，SHA-256：{digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file), SHA-256 {digest}…</source>
        <translation>在应用中生成（无文件），SHA-256：{digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file)</source>
        <translation>在应用中生成（无文件）</translation>
    </message>
    <message>
        <source>Input: {layer}</source>
        <translation>输入：{layer}</translation>
    </message>
    <message>
        <source>Note: {key}</source>
        <translation>注：{key}</translation>
    </message>
</context>
<context>
    <name>ProvenanceDialog</name>
    <message>
        <source>Provenance: {title}</source>
        <translation>来源追溯：{title}</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Show JSON</source>
        <translation>显示 JSON</translation>
    </message>
</context>
<context>
    <name>ReportWorker</name>
    <message>
        <source>The report could not be started ({reason}); try again.</source>
        <extracomment>seconds a cancelled report process gets to end before it is killed</extracomment>
        <translation>无法开始生成报告（{reason}）；请重试。</translation>
    </message>
    <message>
        <source>The report failed.</source>
        <translation>报告生成失败。</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>New…</source>
        <extracomment>the item data role holding a scenario&apos;s name (None for the baseline)</extracomment>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>No project is open: File → New project… starts one.</source>
        <translation>没有打开的项目：用 文件 → 新建项目… 创建一个。</translation>
    </message>
    <message>
        <source>Click a scenario to show it; the baseline is never changed.</source>
        <translation>点击情景即可显示；基准状态永远不会被修改。</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基准状态</translation>
    </message>
    <message>
        <source>Edits of {scenario} (first to last):</source>
        <translation>{scenario} 的编辑（从第一项到最后一项）：</translation>
    </message>
    <message>
        <source>{scenario} has no edits yet: choose a tool in the Edit scenario toolbar.</source>
        <translation>{scenario} 还没有编辑：请在“编辑情景”工具栏中选择一个工具。</translation>
    </message>
    <message>
        <source>Choose or make a scenario to edit the city.</source>
        <translation>请选择或新建一个情景来编辑城市。</translation>
    </message>
    <message>
        <source>Undo: {edit}</source>
        <translation>撤销：{edit}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo: {edit}</source>
        <translation>重做：{edit}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>新建情景</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>新情景的名称：</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>重命名情景</translation>
    </message>
    <message>
        <source>New name of {scenario}:</source>
        <translation>{scenario} 的新名称：</translation>
    </message>
    <message>
        <source>Delete scenario</source>
        <translation>删除情景</translation>
    </message>
    <message>
        <source>Delete the scenario {scenario}? Its edits ({count}) are lost; this cannot be undone.</source>
        <translation>删除情景 {scenario}？其编辑（{count} 项）将丢失，且无法撤销。</translation>
    </message>
</context>
<context>
    <name>StoryPanel</name>
    <message>
        <source>The story has no viewpoint called &apos;{name}&apos;.</source>
        <translation>故事中没有名为“{name}”的视图。</translation>
    </message>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <translation>请先新建或打开一个项目（文件 → 新建项目…）。</translation>
    </message>
    <message>
        <source>A viewpoint needs a name; give one, such as &apos;The harbour&apos;.</source>
        <translation>视图需要一个名称，请起一个名字，例如“港口”。</translation>
    </message>
    <message>
        <source>The story already has a viewpoint called &apos;{name}&apos;; choose another name.</source>
        <translation>故事中已有名为“{name}”的视图，请换一个名称。</translation>
    </message>
    <message>
        <source>Open or start a project (File → New project…) to save views and play them as a story.</source>
        <translation>打开或新建项目（文件 → 新建项目…）后，即可保存视图并作为故事播放。</translation>
    </message>
    <message>
        <source>Double-click a view to fly there.</source>
        <translation>双击视图即可飞到那里。</translation>
    </message>
    <message>
        <source>What to say at this view</source>
        <translation>在此视图要讲的内容</translation>
    </message>
    <message>
        <source>Add view</source>
        <translation>添加视图</translation>
    </message>
    <message>
        <source>Save the 3D view as it is now as the story&apos;s next step</source>
        <translation>将当前的三维视图保存为故事的下一步</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Give the chosen view another name</source>
        <translation>给所选视图换个名称</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Show the chosen view earlier</source>
        <translation>把所选视图提前</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Show the chosen view later</source>
        <translation>把所选视图推后</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the chosen view from the story</source>
        <translation>从故事中删除所选视图</translation>
    </message>
    <message>
        <source>Fly there</source>
        <translation>飞过去</translation>
    </message>
    <message>
        <source>Fly the camera to the chosen view</source>
        <translation>将相机飞到所选视图</translation>
    </message>
    <message>
        <source>View {n}</source>
        <translation>视图 {n}</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>此视图的名称：</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>重命名视图</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Story</source>
        <translation>故事</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <source>by key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>by location</source>
        <translation>按位置</translation>
    </message>
    <message>
        <source>(every column of numbers)</source>
        <translation>（所有数值列）</translation>
    </message>
    <message>
        <source>(none: one value per feature)</source>
        <translation>（无：每个要素一个值）</translation>
    </message>
    <message>
        <source>refuse repeated keys</source>
        <translation>拒绝重复的键</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>求和</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>Import table</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Tables (*.csv *.txt *.gpkg *.geojson *.json);;All files (*)</source>
        <translation>表格 (*.csv *.txt *.gpkg *.geojson *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>times carry their UTC offset (the city&apos;s zone is {zone})</source>
        <translation>时间带有 UTC 偏移（城市时区为 {zone}）</translation>
    </message>
    <message>
        <source>times carry their UTC offset</source>
        <translation>时间带有 UTC 偏移</translation>
    </message>
    <message>
        <source>The IANA time zone (e.g. Europe/Helsinki) of times written without an offset.</source>
        <translation>未写偏移的时间所用的 IANA 时区（如 Europe/Helsinki）。</translation>
    </message>
    <message>
        <source>Observation store</source>
        <translation>观测数据存储</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <source>Choose a table.</source>
        <translation>请选择一个表格。</translation>
    </message>
    <message>
        <source>Table file</source>
        <translation>表格文件</translation>
    </message>
    <message>
        <source>Join to layer</source>
        <translation>连接到图层</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <source>Layer key column</source>
        <translation>图层键列</translation>
    </message>
    <message>
        <source>Table key column</source>
        <translation>表格键列</translation>
    </message>
    <message>
        <source>Value column</source>
        <translation>值列</translation>
    </message>
    <message>
        <source>Rows sharing a key or feature</source>
        <translation>共用同一键或要素的行</translation>
    </message>
    <message>
        <source>Time column</source>
        <translation>时间列</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Store time series in</source>
        <translation>时间序列存储位置</translation>
    </message>
    <message>
        <source>{rows} rows will be placed in the features of &apos;{layer}&apos; by their coordinates.</source>
        <translation>将根据坐标把 {rows} 行放入“{layer}”的要素中。</translation>
    </message>
    <message>
        <source>Choose the key columns.</source>
        <translation>请选择键列。</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched; {unmatched} key(s) of the table match none.</source>
        <translation>{total} 栋建筑中有 {matched} 栋匹配；表格中有 {unmatched} 个键没有匹配。</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched.</source>
        <translation>{total} 栋建筑中有 {matched} 栋匹配。</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched; {unmatched} key(s) of the table match none.</source>
        <translation>{total} 个要素中有 {matched} 个匹配；表格中有 {unmatched} 个键没有匹配。</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched.</source>
        <translation>{total} 个要素中有 {matched} 个匹配。</translation>
    </message>
    <message>
        <source>Choose a table file and the layer to join it to.</source>
        <translation>请选择表格文件以及要连接到的图层。</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>尚未就绪</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then import the table.</source>
        <translation>请等待城市加载完毕，然后再导入表格。</translation>
    </message>
    <message>
        <source>The table could not be joined</source>
        <translation>无法连接表格</translation>
    </message>
    <message>
        <source>Importing {table}</source>
        <translation>正在导入 {table}</translation>
    </message>
</context>
<context>
    <name>TableJoinWorker</name>
    <message>
        <source>Joining {table}…</source>
        <translation>正在连接 {table}…</translation>
    </message>
    <message>
        <source>The table &apos;{table}&apos; could not be joined</source>
        <translation>无法连接表格“{table}”</translation>
    </message>
</context>
<context>
    <name>TimeBar</name>
    <message>
        <source>&apos;{text}&apos; is not a time: type 17:30, 17:30:15 or 2022-02-22 17:30.</source>
        <translation>“{text}”不是时间：请输入 17:30、17:30:15 或 2022-02-22 17:30。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a time that exists: {reason}.</source>
        <translation>“{text}”不是一个存在的时间：{reason}。</translation>
    </message>
    <message>
        <source>Replay speed (× real time)</source>
        <extracomment>the user moved the clock (play, pause, speed, jump, live): the window shows the new time at once</extracomment>
        <translation>回放速度（实时的倍数）</translation>
    </message>
    <message>
        <source>Drag to any moment the store holds</source>
        <translation>拖动到存储中的任意时刻</translation>
    </message>
    <message>
        <source>jump to 17:30</source>
        <translation>跳到 17:30</translation>
    </message>
    <message>
        <source>Type a time (17:30, or 2022-02-22 17:30) in the city&apos;s time zone, then Enter</source>
        <translation>输入城市时区的时间（17:30 或 2022-02-22 17:30），然后按 Enter</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Follow the newest data the feeds have stored</source>
        <translation>跟随数据流存储的最新数据</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>从此处播放</translation>
    </message>
</context>
<context>
    <name>TransitMode</name>
    <message>
        <source>Bus</source>
        <translation>公交车</translation>
    </message>
    <message>
        <source>Tram</source>
        <translation>有轨电车</translation>
    </message>
    <message>
        <source>Rail</source>
        <translation>铁路</translation>
    </message>
    <message>
        <source>Metro</source>
        <translation>地铁</translation>
    </message>
    <message>
        <source>Ferry</source>
        <translation>渡轮</translation>
    </message>
</context>
<context>
    <name>Workshop</name>
    <message>
        <source>New &amp;project…</source>
        <extracomment>the chooser&apos;s entry for &quot;no scenario&quot;</extracomment>
        <translation>新建项目(&amp;P)…</translation>
    </message>
    <message>
        <source>Open p&amp;roject…</source>
        <translation>打开项目(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>工作坊</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>方案：</translation>
    </message>
    <message>
        <source>The scenario shown in 3D and edited; Baseline is the city as it is.</source>
        <translation>在 3D 中显示和编辑的方案；“现状”即城市的当前面貌。</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>现状</translation>
    </message>
    <message>
        <source>New scenario…</source>
        <translation>新建方案…</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>撤销 {what}(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>重做 {what}(&amp;R)</translation>
    </message>
    <message>
        <source>twin_app project (*.twinproj.gpkg *.gpkg)</source>
        <translation>twin_app 项目 (*.twinproj.gpkg *.gpkg)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>新建方案</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>新方案的名称：</translation>
    </message>
</context>
<context>
    <name>WorkshopSession</name>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <extracomment>milliseconds between autosaves (a checkpoint of the journalled changes) after an edit, undo or redo of the active scenario, once the shown model is in sync the city&apos;s own layers, kept aside while a scenario shows its copies ids of the layers the scenario put in the shown model (copies, or layers it added)</extracomment>
        <translation>请先新建或打开一个项目（文件 → 新建项目…）。</translation>
    </message>
    <message>
        <source>Open a city first; a project belongs to a city.</source>
        <translation>请先打开一座城市；项目隶属于城市。</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>要恢复未保存的更改吗?</translation>
    </message>
    <message>
        <source>The project {name} has {count} changes made after it was last saved (the app did not close normally). Recover them? No drops them and opens the project as last saved.</source>
        <translation>项目 {name} 有 {count} 处在上次保存后所做的更改（应用未正常关闭）。要恢复吗?选择“否”将放弃这些更改，并按上次保存的状态打开项目。</translation>
    </message>
    <message>
        <source>The project could not be saved: {why}</source>
        <translation>无法保存项目：{why}</translation>
    </message>
    <message>
        <source>The baseline is never changed: choose or create a scenario to edit.</source>
        <translation>现状永远不会被修改：请选择或新建一个方案进行编辑。</translation>
    </message>
    <message>
        <source>Open a city first; a viewpoint is a view of it.</source>
        <translation>请先打开一座城市；视点是对城市的一个视角。</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
</context>
</TS>
