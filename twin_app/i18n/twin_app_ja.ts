<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>AnalysisWorker</name>
    <message>
        <source>The analysis stopped because of an unexpected error ({error}).</source>
        <translation>予期しないエラーのため分析が停止しました（{error}）。</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Run an analysis to see results</source>
        <translation>結果を見るには分析を実行してください</translation>
    </message>
</context>
<context>
    <name>BuildingDialog</name>
    <message>
        <source>Building {key}</source>
        <translation>建物 {key}</translation>
    </message>
    <message>
        <source>Now {height} m tall, used as: {use}.</source>
        <translation>現在の高さ {height} m、用途: {use}。</translation>
    </message>
    <message>
        <source>Height unknown, used as: {use}.</source>
        <translation>高さは不明、用途: {use}。</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高さ</translation>
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
        <translation>並べて比較</translation>
    </message>
    <message>
        <source>The baseline in a second view beside the scenario, cameras linked</source>
        <translation>シナリオの横の2つ目のビューに現況を表示し、カメラを連動させます</translation>
    </message>
    <message>
        <source>Swipe baseline and scenario</source>
        <translation>現況とシナリオをスワイプで比較</translation>
    </message>
    <message>
        <source>One picture: the baseline left of a divider you drag, the scenario right of it</source>
        <translation>1枚の画面：ドラッグできる区切り線の左が現況、右がシナリオ</translation>
    </message>
    <message>
        <source>Open a city first, then compare.</source>
        <translation>まず都市を開いてから比較してください。</translation>
    </message>
    <message>
        <source>Scenario: {name}</source>
        <translation>シナリオ：{name}</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>現況</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Scenario comparison</source>
        <translation>シナリオ比較</translation>
    </message>
</context>
<context>
    <name>ComparisonPanel</name>
    <message>
        <source>Run an analysis, then choose or edit a scenario to compare it.</source>
        <translation>分析を実行してから、比較するシナリオを選ぶか編集してください。</translation>
    </message>
    <message>
        <source>Show the change in 3D</source>
        <translation>変化を3Dで表示</translation>
    </message>
    <message>
        <source>District</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>現況</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変化</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>傾向</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>The baseline is shown: choose or create a scenario to compare.</source>
        <translation>現況を表示しています。比較するシナリオを選ぶか作成してください。</translation>
    </message>
    <message>
        <source>Scenario “{scenario}” against the baseline</source>
        <translation>現況と比べたシナリオ「{scenario}」</translation>
    </message>
    <message>
        <source>percentage points</source>
        <translation>パーセントポイント</translation>
    </message>
    <message>
        <source>Changes are in {unit}.</source>
        <translation>変化の単位は{unit}です。</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>市全体</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>値なし</translation>
    </message>
    <message>
        <source>= no change</source>
        <translation>＝ 変化なし</translation>
    </message>
    <message>
        <source>▲ up</source>
        <translation>▲ 上昇</translation>
    </message>
    <message>
        <source>▼ down</source>
        <translation>▼ 低下</translation>
    </message>
    <message>
        <source>▲ better</source>
        <translation>▲ 改善</translation>
    </message>
    <message>
        <source>▲ worse</source>
        <translation>▲ 悪化</translation>
    </message>
    <message>
        <source>▼ better</source>
        <translation>▼ 改善</translation>
    </message>
    <message>
        <source>▼ worse</source>
        <translation>▼ 悪化</translation>
    </message>
</context>
<context>
    <name>ComparisonSession</name>
    <message>
        <source>Updating the indicators</source>
        <translation>指標を更新しています</translation>
    </message>
    <message>
        <source>Scenario comparison</source>
        <translation>シナリオ比較</translation>
    </message>
    <message>
        <source>Change in {indicator}</source>
        <translation>{indicator}の変化</translation>
    </message>
</context>
<context>
    <name>ConnectFeedDialog</name>
    <message>
        <source>Connect feed</source>
        <translation>フィードに接続</translation>
    </message>
    <message>
        <source>{title} ({schemes}; built-in)</source>
        <translation>{title}（{schemes}、組み込み）</translation>
    </message>
    <message>
        <source>{title} ({schemes}; from {package})</source>
        <translation>{title}（{schemes}、{package} より）</translation>
    </message>
    <message>
        <source>{title} ({schemes}; plugin)</source>
        <translation>{title}（{schemes}、プラグイン）</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>shown in the feed panel and the layer list</source>
        <translation>フィードパネルとレイヤー一覧に表示されます</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Give the feed&apos;s address, such as {example}.</source>
        <translation>フィードのアドレスを入力してください（例：{example}）。</translation>
    </message>
</context>
<context>
    <name>ControlBar</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 前へ</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>次へ ▶</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>終了</translation>
    </message>
</context>
<context>
    <name>DistrictPanel</name>
    <message>
        <source>All selected</source>
        <extracomment>the row of the whole selection (English source, as a district key; shown translated)</extracomment>
        <translation>選択全体</translation>
    </message>
    <message>
        <source>Districts (none ticked = all)</source>
        <translation>地区（チェックなし = すべて）</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <source>Provenance…</source>
        <translation>来歴…</translation>
    </message>
    <message>
        <source>No analysis run yet.</source>
        <translation>まだ分析を実行していません。</translation>
    </message>
    <message>
        <source>{definition}
(key: {key})</source>
        <translation>{definition}
（キー：{key}）</translation>
    </message>
</context>
<context>
    <name>EditTools</name>
    <message>
        <source>Add stop</source>
        <extracomment>the marker following the mouse moves at most this often (milliseconds) a click within this many pixels of a street, stop or tree finds it even when that is many metres an edit was handed to the workshop (accepted or refused): the tool&apos;s name a marker follows the mouse where a click would put a stop; None: decided by the OpenGL (off on a software one, where each redraw takes about a second)</extracomment>
        <translation>停留所を追加</translation>
    </message>
    <message>
        <source>Click near a street: a new stop is placed on it</source>
        <translation>通りの近くをクリックすると、その通りの上に新しい停留所が置かれます</translation>
    </message>
    <message>
        <source>Move stop</source>
        <translation>停留所を移動</translation>
    </message>
    <message>
        <source>Click a stop, then its new place on a street</source>
        <translation>停留所をクリックし、次に通り上の新しい位置をクリックします</translation>
    </message>
    <message>
        <source>Remove stop</source>
        <translation>停留所を削除</translation>
    </message>
    <message>
        <source>Click a stop to remove it</source>
        <translation>削除する停留所をクリックします</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>路線を追加</translation>
    </message>
    <message>
        <source>Click stops or street points in order; double-click or Enter finishes, Esc cancels</source>
        <translation>停留所または通り上の点を順にクリックします。ダブルクリックか Enter で終了、Esc で取り消します</translation>
    </message>
    <message>
        <source>Add trees</source>
        <translation>樹木を追加</translation>
    </message>
    <message>
        <source>Each click plants a tree</source>
        <translation>クリックするたびに木を 1 本植えます</translation>
    </message>
    <message>
        <source>Remove trees</source>
        <translation>樹木を削除</translation>
    </message>
    <message>
        <source>Click a tree to remove it</source>
        <translation>削除する木をクリックします</translation>
    </message>
    <message>
        <source>Draw green area</source>
        <translation>緑地を描く</translation>
    </message>
    <message>
        <source>Click the corners of a park; double-click or Enter closes it, Esc cancels</source>
        <translation>公園の角をクリックします。ダブルクリックか Enter で閉じ、Esc で取り消します</translation>
    </message>
    <message>
        <source>Remove green area</source>
        <translation>緑地を削除</translation>
    </message>
    <message>
        <source>Click a park or green area to remove it</source>
        <translation>削除する公園または緑地をクリックします</translation>
    </message>
    <message>
        <source>Building height / use</source>
        <translation>建物の高さ / 用途</translation>
    </message>
    <message>
        <source>Click a building to change its height or use</source>
        <translation>高さや用途を変える建物をクリックします</translation>
    </message>
    <message>
        <source>Car-free street</source>
        <translation>車のない通り</translation>
    </message>
    <message>
        <source>Click a street to make it car-free</source>
        <translation>車両通行止めにする通りをクリックします</translation>
    </message>
    <message>
        <source>Edit scenario</source>
        <translation>シナリオの編集</translation>
    </message>
    <message>
        <source>New stops:</source>
        <translation>新しい停留所:</translation>
    </message>
    <message>
        <source>The mode of the stops the Add stop tool places</source>
        <translation>「停留所を追加」ツールが置く停留所の交通手段</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Finish the line or the green area being drawn (Enter)</source>
        <translation>描いている路線または緑地を完了します (Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <source>Drop what is being drawn (Esc)</source>
        <translation>描いているものを破棄します (Esc)</translation>
    </message>
    <message>
        <source>Click on the city, not the sky.</source>
        <translation>空ではなく街をクリックしてください。</translation>
    </message>
    <message>
        <source>Done: {what}. Undo with Ctrl+Z.</source>
        <translation>完了: {what}。Ctrl+Z で元に戻せます。</translation>
    </message>
    <message>
        <source>No street within {metres} m of the click; click nearer a street.</source>
        <translation>クリックした場所から {metres} m 以内に通りがありません。通りの近くをクリックしてください。</translation>
    </message>
    <message>
        <source>No stop there; click on a stop.</source>
        <translation>そこに停留所はありません。停留所をクリックしてください。</translation>
    </message>
    <message>
        <source>New stop {number}</source>
        <translation>新しい停留所 {number}</translation>
    </message>
    <message>
        <source>Now click the new place of the stop {stop}.</source>
        <translation>次に停留所 {stop} の新しい位置をクリックしてください。</translation>
    </message>
    <message>
        <source>{count} stops so far; double-click or press Enter to finish.</source>
        <translation>ここまでの停留所: {count}。ダブルクリックするか Enter を押すと終了します。</translation>
    </message>
    <message>
        <source>A line needs at least two stops; click another one.</source>
        <translation>路線には少なくとも 2 つの停留所が必要です。もう 1 つクリックしてください。</translation>
    </message>
    <message>
        <source>New line {number}</source>
        <translation>新しい路線 {number}</translation>
    </message>
    <message>
        <source>No tree there; click on a tree.</source>
        <translation>そこに木はありません。木をクリックしてください。</translation>
    </message>
    <message>
        <source>{count} corners so far; double-click or press Enter to close the area.</source>
        <translation>ここまでの角: {count}。ダブルクリックするか Enter を押すと区域を閉じます。</translation>
    </message>
    <message>
        <source>A green area needs at least three corners; click another one.</source>
        <translation>緑地には少なくとも 3 つの角が必要です。もう 1 つクリックしてください。</translation>
    </message>
    <message>
        <source>This outline crosses itself or encloses nothing, so it cannot be a green area; press Esc and draw it again without crossing lines.</source>
        <translation>この輪郭は自分自身と交差しているか何も囲んでいないため、緑地にできません。Esc を押し、線が交差しないように描き直してください。</translation>
    </message>
    <message>
        <source>New green area</source>
        <translation>新しい緑地</translation>
    </message>
    <message>
        <source>No park or green area there; click inside one.</source>
        <translation>そこに公園や緑地はありません。その内側をクリックしてください。</translation>
    </message>
    <message>
        <source>No building there; click on a building.</source>
        <translation>そこに建物はありません。建物をクリックしてください。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>1280×720 (HD)</source>
        <extracomment>the sizes offered besides the view&apos;s own (the largest is the export limit)</extracomment>
        <translation>1280×720（HD画質）</translation>
    </message>
    <message>
        <source>1920×1080 (Full HD, slides)</source>
        <translation>1920×1080（フルHD、スライド）</translation>
    </message>
    <message>
        <source>3840×2160 (4K, posters)</source>
        <translation>3840×2160（4K、ポスター）</translation>
    </message>
    <message>
        <source>As the view ({width}×{height})</source>
        <translation>ビューと同じ（{width}×{height}）</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>ビューのエクスポート</translation>
    </message>
    <message>
        <source>Image size (text scales with it):</source>
        <translation>画像サイズ（文字もそれに合わせて拡大縮小されます）：</translation>
    </message>
</context>
<context>
    <name>ExportPinsDialog</name>
    <message>
        <source>Export feedback pins</source>
        <translation>意見ピンの書き出し</translation>
    </message>
    <message>
        <source>The {count} pins listed are exported. The file&apos;s ending chooses its format: .gpkg (GeoPackage), .geojson (GeoJSON) or .csv (a table).</source>
        <translation>一覧の {count} 件のピンを書き出します。ファイルの拡張子で形式が決まります：.gpkg（GeoPackage）、.geojson（GeoJSON）、.csv（表）。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Include residents&apos; names</source>
        <translation>住民の名前を含める</translation>
    </message>
    <message>
        <source>Names are personal data: export them only where residents agreed.</source>
        <translation>名前は個人情報です。住民が同意した場合にのみ書き出してください。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage ファイル (*.gpkg)</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>GeoJSON ファイル (*.geojson)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表 (*.csv)</translation>
    </message>
</context>
<context>
    <name>FeedPanel</name>
    <message>
        <source>Feed</source>
        <extracomment>at most this often (ms): twice a second reads as live and costs nothing under a flood a rate worked out from counts is averaged over this many seconds (feeds deliver in bursts) the columns, by their English names (``row_texts``&apos; keys); the headers show them translated</extracomment>
        <translation>フィード</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation>件/秒</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>保存済み</translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation>不正な形式</translation>
    </message>
    <message>
        <source>connecting</source>
        <extracomment>what ``row_texts`` calls the line under a feed&apos;s row that shows its last error each state as the panel says it</extracomment>
        <translation>接続中</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>接続済み</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>再接続中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>{title}
source: {source}
stored as: {id}</source>
        <translation>{title}
ソース：{source}
保存名：{id}</translation>
    </message>
    <message>
        <source>Simulated: {statement}</source>
        <extracomment>each feed&apos;s (monotonic time, messages received) over the last RATE_WINDOW_S (for a rate)</extracomment>
        <translation>シミュレーション：{statement}</translation>
    </message>
    <message>
        <source>Malformed messages: {count}. For example:
{samples}</source>
        <translation>不正な形式のメッセージ：{count} 件。例：
{samples}</translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>最後のエラー：{error}</translation>
    </message>
</context>
<context>
    <name>FeedbackDock</name>
    <message>
        <source>Feedback</source>
        <translation>意見</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <source>Feedback pins are kept in a project. Start one with File → New project… (or open one), then drop pins on the map.</source>
        <translation>意見ピンはプロジェクトに保存されます。ファイル → 新しいプロジェクト… でプロジェクトを作成する（または開く）と、地図にピンを置けます。</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新しいプロジェクト…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>Active scenario</source>
        <translation>現在のシナリオ</translation>
    </message>
    <message>
        <source>All scenarios</source>
        <translation>すべてのシナリオ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移動</translation>
    </message>
    <message>
        <source>Then click the pin&apos;s new place in the 3D view</source>
        <translation>次に 3D ビューでピンの新しい場所をクリックしてください</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>書き出し…</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>アイデア</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>いいね</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind}：{count} 件</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>現状</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
</context>
<context>
    <name>ImportWorker</name>
    <message>
        <source>Building the city &apos;{name}&apos;…</source>
        <translation>都市「{name}」を作成しています…</translation>
    </message>
    <message>
        <source>The city &apos;{name}&apos; could not be built</source>
        <translation>都市「{name}」を作成できませんでした</translation>
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
        <translation>値</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <extracomment>(level, source, text) for the messages panel</extracomment>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop the running job (and drop the waiting ones)</source>
        <translation>実行中の処理を止めます（待機中の処理は取り消されます）</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>Cancelling {job}…</source>
        <translation>{job} をキャンセルしています…</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>処理</translation>
    </message>
    <message>
        <source>Waiting jobs dropped: {count}.</source>
        <translation>取り消した待機中の処理：{count} 件。</translation>
    </message>
    <message>
        <source>{job} (+{count} waiting)</source>
        <translation>{job}（待機 {count} 件）</translation>
    </message>
    <message>
        <source>Running: {job}</source>
        <translation>実行中：{job}</translation>
    </message>
    <message>
        <source>Waiting: {job}</source>
        <translation>待機中：{job}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>No installed font has the letters of {language}, so its text may show as empty boxes. Install a CJK font (on Debian or Ubuntu: sudo apt-get install fonts-noto-cjk), then start twin_app again.</source>
        <extracomment>the compiled Qt translations of twin_app&apos;s own texts where the chosen language is kept between runs (QSettings organisation, application, key) the writing system each language needs a font for (Latin ones are in every font) Qt&apos;s locale for each code (the one whose ``qtbase_*.qm`` and number formats fit) the dynamic property on which :func:`keep_translated` keeps a widget&apos;s source texts Qt ships some of its own translations only for one country&apos;s variant</extracomment>
        <translation>{language}の文字を含むフォントがインストールされていないため、文字が空の四角で表示されることがあります。CJK フォントをインストールしてから（Debian または Ubuntu の場合：sudo apt-get install fonts-noto-cjk）、twin_app を再起動してください。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>(single colour)</source>
        <extracomment>the colour-by choice that means &quot;no column&quot; (English source; shown translated)</extracomment>
        <translation>（単色）</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>レイヤー</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>地物</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>色分けの基準</translation>
    </message>
</context>
<context>
    <name>LegendDock</name>
    <message>
        <source>Legend</source>
        <translation>凡例</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <source>What the colours on the map mean</source>
        <extracomment>the dock keeps at least this height (pixels) for its first entry</extracomment>
        <translation>地図の色の意味</translation>
    </message>
    <message>
        <source>No coloured layer is shown.</source>
        <translation>色分けされたレイヤーは表示されていません。</translation>
    </message>
</context>
<context>
    <name>LineDialog</name>
    <message>
        <source>New line</source>
        <extracomment>the transit modes a new stop or line may have (the names ``timetable.mode_name`` gives GTFS routes) building uses offered first (any other OSM ``building`` value can be typed)</extracomment>
        <translation>新しい路線</translation>
    </message>
    <message>
        <source>A line through {count} stops.</source>
        <translation>{count} か所の停留所を通る路線です。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>交通手段</translation>
    </message>
    <message>
        <source> per hour</source>
        <translation> 本/時</translation>
    </message>
    <message>
        <source>Departures each way</source>
        <translation>片方向あたりの発車本数</translation>
    </message>
</context>
<context>
    <name>LiveSession</name>
    <message>
        <source>{station} reads {reading} at {time}: beyond {rule}.</source>
        <extracomment>tests and portable installs put the live stores here instead of the user&apos;s data folder how far behind the newest observation live mode shows (s): two fixes of a 1 Hz feed and some slack the feed panel is refreshed this often (s), by the frame timer: at most twice a second the span the slider covers is read again this often (s): it grows as the feeds store more extra references to None, topped up while the live timer runs (see :func:`keep_none_alive`) the duration of the last frames&apos; work on the clock and playback (s) the duration of the last redraws of the view (s), whatever asked for them</extracomment>
        <translation>{station} は {time} に {reading} を示し、{rule} を超えました。</translation>
    </message>
    <message>
        <source>{station} reads {reading} at {time}: beyond its threshold.</source>
        <translation>{station} は {time} に {reading} を示し、しきい値を超えました。</translation>
    </message>
</context>
<context>
    <name>LoadWorker</name>
    <message>
        <source>Opening {file}…</source>
        <translation>{file} を開いています…</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; could not be opened</source>
        <translation>「{path}」を開けませんでした</translation>
    </message>
    <message>
        <source>Loading the city &apos;{city}&apos; stopped</source>
        <translation>都市「{city}」の読み込みが止まりました</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Preparing the 3D view…</source>
        <extracomment>while a city loads, redraw at most this often (a small city is drawn once, at the end) the city&apos;s layers have all been loaded (a scenario is shown on them only then) the raw parameters each analysis was last run with in this window (the report uses them)</extracomment>
        <translation>3D ビューを準備しています…</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>レイヤー</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>地物</translation>
    </message>
    <message>
        <source>Districts and results</source>
        <translation>地区と結果</translation>
    </message>
    <message>
        <source>Data sources</source>
        <translation>データの出典</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>click tools added by panels (pins, scenario editing): action → handler(x, y)</extracomment>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;city…</source>
        <translation>都市を開く(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>ファイルを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;New city from files…</source>
        <translation>ファイルから新しい都市を作成(&amp;N)…</translation>
    </message>
    <message>
        <source>Import &amp;table…</source>
        <translation>表をインポート(&amp;T)…</translation>
    </message>
    <message>
        <source>Connect &amp;feed…</source>
        <translation>フィードに接続(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Export view as PNG…</source>
        <translation>ビューを PNG でエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Export scene as &amp;glTF…</source>
        <translation>シーンを glTF でエクスポート(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>レポート(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Analyses</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>{name} (could not be loaded)</source>
        <translation>{name}（読み込めませんでした）</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Data sources and licences</source>
        <translation>データの出典とライセンス</translation>
    </message>
    <message>
        <source>View</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Frame the whole city again (Home, H or R in the 3D view)</source>
        <translation>都市全体を表示し直します（3D ビューで Home、H または R）</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>スクリーンショット</translation>
    </message>
    <message>
        <source>Save the 3D view as a PNG image</source>
        <translation>3D ビューを PNG 画像として保存します</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>情報を表示</translation>
    </message>
    <message>
        <source>Click a feature to see its attributes and results</source>
        <translation>地物をクリックすると属性と結果が表示されます</translation>
    </message>
    <message>
        <source>Select districts</source>
        <translation>地区を選択</translation>
    </message>
    <message>
        <source>While on, clicking in the 3D view ticks or unticks a district.</source>
        <translation>オンの間は、3D ビューをクリックすると地区のチェックが切り替わります。</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>計測</translation>
    </message>
    <message>
        <source>Click two or more points to measure the distance along them on the map; Esc clears</source>
        <translation>地図上で 2 点以上をクリックすると、それらを結ぶ距離を計測します。Esc で消去します</translation>
    </message>
    <message>
        <source>Click on the city to measure.</source>
        <translation>計測するには都市をクリックしてください。</translation>
    </message>
    <message>
        <source>Measure: click the next point (Esc clears).</source>
        <translation>計測：次の点をクリックしてください（Esc で消去）。</translation>
    </message>
    <message>
        <source>Distance on the map: {distance} (Esc clears)</source>
        <translation>地図上の距離：{distance}（Esc で消去）</translation>
    </message>
    <message>
        <source>Measurement cleared.</source>
        <translation>計測を消去しました。</translation>
    </message>
    <message>
        <source>Starting the 3D view…</source>
        <translation>3D ビューを起動しています…</translation>
    </message>
    <message>
        <source>Districts: {names}</source>
        <translation>地区：{names}</translation>
    </message>
    <message>
        <source>Districts: all</source>
        <translation>地区：すべて</translation>
    </message>
    <message>
        <source>Nothing to identify there.</source>
        <translation>そこには表示できる地物がありません。</translation>
    </message>
    <message>
        <source>{layer}: feature {feature}</source>
        <translation>{layer}: 地物 {feature}</translation>
    </message>
    <message>
        <source>The city could not be opened</source>
        <translation>都市を開けませんでした</translation>
    </message>
    <message>
        <source>Loading {city}</source>
        <translation>{city} を読み込み中</translation>
    </message>
    <message>
        <source>Opening {files}</source>
        <translation>{files} を開いています</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>まだ準備ができていません</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then run the analysis.</source>
        <translation>都市の読み込みが終わるまで待ってから、分析を実行してください。</translation>
    </message>
    <message>
        <source>The analysis is not available</source>
        <translation>この分析は利用できません</translation>
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
        <translation>分析を完了できませんでした</translation>
    </message>
    <message>
        <source>Analysis cancelled.</source>
        <translation>分析をキャンセルしました。</translation>
    </message>
    <message>
        <source>Analysis finished.</source>
        <translation>分析が完了しました。</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>読み込みをキャンセルしました。</translation>
    </message>
    <message>
        <source>Ready. Layers: {count}.</source>
        <translation>準備完了。レイヤー：{count} 件。</translation>
    </message>
    <message>
        <source>Some data could not be loaded</source>
        <translation>一部のデータを読み込めませんでした</translation>
    </message>
    <message>
        <source>Open a city folder (with city.toml)</source>
        <translation>都市フォルダーを開く（city.toml を含むもの）</translation>
    </message>
    <message>
        <source>Open data files</source>
        <translation>データファイルを開く</translation>
    </message>
    <message>
        <source>Data ({patterns});;All files (*)</source>
        <translation>データ ({patterns});;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>フィード</translation>
    </message>
    <message>
        <source>This window cannot start feeds yet; ingest it with &apos;twin-app feed ingest&apos;.</source>
        <translation>このウィンドウではまだフィードを開始できません。「twin-app feed ingest」で取り込んでください。</translation>
    </message>
    <message>
        <source>Building the city {name}</source>
        <translation>都市 {name} を作成中</translation>
    </message>
    <message>
        <source>New city</source>
        <translation>新しい都市</translation>
    </message>
    <message>
        <source>The city could not be created</source>
        <translation>都市を作成できませんでした</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>ビューのエクスポート</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>The view could not be exported</source>
        <translation>ビューをエクスポートできませんでした</translation>
    </message>
    <message>
        <source>There is no view to export yet: open a city first.</source>
        <translation>エクスポートするビューがまだありません。先に都市を開いてください。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>保存しました：{path}</translation>
    </message>
    <message>
        <source>Export scene</source>
        <translation>シーンのエクスポート</translation>
    </message>
    <message>
        <source>Binary glTF (*.glb)</source>
        <translation>バイナリ glTF (*.glb)</translation>
    </message>
    <message>
        <source>The scene could not be exported</source>
        <translation>シーンをエクスポートできませんでした</translation>
    </message>
    <message>
        <source>The scene was saved to {path}.</source>
        <translation>シーンを {path} に保存しました。</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then make the report.</source>
        <translation>都市の読み込みが終わるまで待ってから、レポートを作成してください。</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>レポート</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文書 (*.pdf)</translation>
    </message>
    <message>
        <source>The report was saved to {path}.</source>
        <translation>レポートを {path} に保存しました。</translation>
    </message>
    <message>
        <source>The report could not be made</source>
        <translation>レポートを作成できませんでした</translation>
    </message>
    <message>
        <source>No city is open.</source>
        <translation>都市が開かれていません。</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>source and licence not stated: see the file&apos;s own notes</source>
        <translation>出典とライセンスの記載なし：ファイル自体の注記を参照してください</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>Live feeds</source>
        <translation>ライブフィード</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>No city is open</source>
        <translation>都市が開かれていません</translation>
    </message>
    <message>
        <source>Open a city first, then connect the feed to it.</source>
        <translation>先に都市を開いてから、フィードを接続してください。</translation>
    </message>
    <message>
        <source>The feed {name} could not start: {reason}</source>
        <translation>フィード {name} を開始できませんでした：{reason}</translation>
    </message>
    <message>
        <source>Simulated data shown, not real-time: {feeds}</source>
        <translation>リアルタイムではなくシミュレーションのデータを表示中：{feeds}</translation>
    </message>
</context>
<context>
    <name>NewCityDialog</name>
    <message>
        <source>New city from files</source>
        <translation>ファイルから新しい都市を作成</translation>
    </message>
    <message>
        <source>Vector files (*.gpkg *.geojson *.shp *.fgb)</source>
        <translation>ベクターファイル (*.gpkg *.geojson *.shp *.fgb)</translation>
    </message>
    <message>
        <source>OpenStreetMap extract</source>
        <translation>OpenStreetMap の抽出データ</translation>
    </message>
    <message>
        <source>OSM (*.osm *.osm.bz2 *.osm.pbf *.pbf)</source>
        <translation>OSM データ (*.osm *.osm.bz2 *.osm.pbf *.pbf)</translation>
    </message>
    <message>
        <source>GTFS feed</source>
        <translation>GTFS フィード</translation>
    </message>
    <message>
        <source>GTFS (*.zip)</source>
        <translation>GTFS データ (*.zip)</translation>
    </message>
    <message>
        <source>Population grid</source>
        <translation>人口メッシュ</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>The column of the districts file that holds their names.</source>
        <translation>地区ファイルのうち、地区名が入っている列です。</translation>
    </message>
    <message>
        <source>chosen from the OSM file</source>
        <translation>OSM ファイルから選ばれます</translation>
    </message>
    <message>
        <source>Without a districts file: the OSM admin_level of the districts.</source>
        <translation>地区ファイルがない場合に使う、地区の OSM admin_level です。</translation>
    </message>
    <message>
        <source>Raster (e.g. heat)</source>
        <translation>ラスター（例：暑さ）</translation>
    </message>
    <message>
        <source>Raster (*.tif *.tiff)</source>
        <translation>ラスター (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>as the raster states (e.g. °C)</source>
        <translation>ラスターの記載どおり（例：°C）</translation>
    </message>
    <message>
        <source>© OpenStreetMap contributors (ODbL)</source>
        <extracomment>a credit per given file; empty means &quot;what the file itself says&quot;</extracomment>
        <translation>© OpenStreetMap 寄稿者 (ODbL)</translation>
    </message>
    <message>
        <source>as the file states, if it does</source>
        <translation>ファイルに記載があればそのとおり</translation>
    </message>
    <message>
        <source>by building type (docs/buildings.md)</source>
        <translation>建物の種類ごと（docs/buildings.md）</translation>
    </message>
    <message>
        <source>Parent folder</source>
        <translation>親フォルダー</translation>
    </message>
    <message>
        <source>credit</source>
        <translation>クレジット</translation>
    </message>
    <message>
        <source>City name</source>
        <translation>都市名</translation>
    </message>
    <message>
        <source>OSM file (required)</source>
        <translation>OSM ファイル（必須）</translation>
    </message>
    <message>
        <source>District name column</source>
        <translation>地区名の列</translation>
    </message>
    <message>
        <source>District admin level</source>
        <translation>地区の行政レベル</translation>
    </message>
    <message>
        <source>Raster</source>
        <translation>ラスター</translation>
    </message>
    <message>
        <source>Raster label</source>
        <translation>ラスターのラベル</translation>
    </message>
    <message>
        <source>Raster units</source>
        <translation>ラスターの単位</translation>
    </message>
    <message>
        <source>Storey height (m)</source>
        <translation>階高（m）</translation>
    </message>
    <message>
        <source>Default building height (m)</source>
        <translation>既定の建物の高さ（m）</translation>
    </message>
    <message>
        <source>Save in</source>
        <translation>保存先</translation>
    </message>
    <message>
        <source>The storey height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>階高は 3 や 2.8 のようなメートル単位の数値で入力してください。「{text}」は使えません。</translation>
    </message>
    <message>
        <source>The default building height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>既定の建物の高さは 3 や 2.8 のようなメートル単位の数値で入力してください。「{text}」は使えません。</translation>
    </message>
</context>
<context>
    <name>ParamDialog</name>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>Tick districts to analyse; none ticked means all.</source>
        <translation>分析する地区にチェックを入れてください。チェックがなければすべてを分析します。</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Drop a feedback pin</source>
        <extracomment>the list&apos;s columns what a filter combo holds for &quot;every category&quot; / &quot;every scenario&quot;</extracomment>
        <translation>意見ピンを置く</translation>
    </message>
    <message>
        <source>What kind of remark is it?</source>
        <translation>どの種類の意見ですか？</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>アイデア</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>I like this</source>
        <translation>ここが好き</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>What the resident said, in a few words</source>
        <translation>住民の言葉を短く</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>名前（任意）</translation>
    </message>
    <message>
        <source>Only if the resident wants to give it</source>
        <translation>住民が希望する場合のみ</translation>
    </message>
    <message>
        <source>Drop pin</source>
        <translation>ピンを置く</translation>
    </message>
    <message>
        <source>{count} of {limit} characters</source>
        <translation>{count} / {limit} 文字</translation>
    </message>
</context>
<context>
    <name>PinsController</name>
    <message>
        <source>Drop pin</source>
        <extracomment>the dialogs open now (tests drive them)</extracomment>
        <translation>ピンを置く</translation>
    </message>
    <message>
        <source>Click in the 3D view where a resident points, then say what they said</source>
        <translation>住民が指す場所を 3D ビューでクリックし、その意見を入力します</translation>
    </message>
    <message>
        <source>Move pin</source>
        <translation>ピンを移動</translation>
    </message>
    <message>
        <source>Click the selected pin&apos;s new place in the 3D view</source>
        <translation>3D ビューで選択したピンの新しい場所をクリックしてください</translation>
    </message>
    <message>
        <source>Start a project first (File → New project…): pins are kept in it.</source>
        <translation>まずプロジェクトを作成してください（ファイル → 新しいプロジェクト…）。ピンはプロジェクトに保存されます。</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to drop a pin.</source>
        <translation>ピンを置くには、空ではなく街をクリックしてください。</translation>
    </message>
    <message>
        <source>Pin {number} dropped and saved in the project.</source>
        <translation>ピン {number} を置き、プロジェクトに保存しました。</translation>
    </message>
    <message>
        <source>Pin {number}: {comment}</source>
        <translation>ピン {number}：{comment}</translation>
    </message>
    <message>
        <source>Click the pin&apos;s new place in the 3D view.</source>
        <translation>3D ビューでピンの新しい場所をクリックしてください。</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to move the pin.</source>
        <translation>ピンを移動するには、空ではなく街をクリックしてください。</translation>
    </message>
    <message>
        <source>Pin {number} moved.</source>
        <translation>ピン {number} を移動しました。</translation>
    </message>
    <message>
        <source>Delete the pin?</source>
        <translation>ピンを削除しますか？</translation>
    </message>
    <message>
        <source>Delete pin {number} (“{comment}”)? This cannot be undone.</source>
        <translation>ピン {number}（「{comment}」）を削除しますか？ 元に戻せません。</translation>
    </message>
    <message>
        <source>Pin {number} deleted.</source>
        <translation>ピン {number} を削除しました。</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>意見</translation>
    </message>
    <message>
        <source>The pins could not be exported</source>
        <translation>ピンを書き出せませんでした</translation>
    </message>
    <message>
        <source>The pins were saved to {path}.</source>
        <translation>ピンを {path} に保存しました。</translation>
    </message>
</context>
<context>
    <name>PinsLegend</name>
    <message>
        <source>Idea</source>
        <translation>アイデア</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>いいね</translation>
    </message>
    <message>
        <source>Feedback pins</source>
        <translation>意見ピン</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind}：{count} 件</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Presentation</source>
        <translation>プレゼンテーション</translation>
    </message>
    <message>
        <source>No story yet</source>
        <translation>ストーリーはまだありません</translation>
    </message>
    <message>
        <source>Save views in the Story panel to play them here, one after another.</source>
        <translation>ストーリーパネルにビューを保存すると、ここで順番に再生できます。</translation>
    </message>
    <message>
        <source>Views in the story: {count}</source>
        <translation>ストーリーのビュー: {count} 件</translation>
    </message>
    <message>
        <source>Next flies to the first: {name}.</source>
        <translation>「次へ」で最初のビューへ移動します: {name}。</translation>
    </message>
    <message>
        <source>{index} of {count}: {name}</source>
        <translation>{index} / {count}: {name}</translation>
    </message>
    <message>
        <source>Show scenario: {name}</source>
        <translation>シナリオを表示: {name}</translation>
    </message>
    <message>
        <source>Show baseline</source>
        <translation>現況を表示</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>プレゼンテーションモード</translation>
    </message>
    <message>
        <source>Show the presentation on:</source>
        <translation>プレゼンテーションを表示する画面:</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>プレゼンテーションモード(&amp;P)</translation>
    </message>
    <message>
        <source>The city full screen with the story&apos;s controls (Esc leaves)</source>
        <translation>ストーリーの操作ボタン付きで都市を全画面表示します（Esc で終了）</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Layers that could not be shown: {count}. The others are loaded.</source>
        <translation>表示できなかったレイヤー：{count} 件。ほかのレイヤーは読み込まれています。</translation>
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
        <translation>{title}（{analysis}、バージョン {version}）</translation>
    </message>
    <message>
        <source>City</source>
        <translation>都市</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>{started} to {finished}</source>
        <translation>{started} ~ {finished}</translation>
    </message>
    <message>
        <source>Parameter: {name}</source>
        <translation>パラメーター：{name}</translation>
    </message>
    <message>
        <source>{path}, SHA-256 {digest}…</source>
        <translation>{path}、SHA-256: {digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file), SHA-256 {digest}…</source>
        <translation>アプリ内で作成（ファイルなし）、SHA-256: {digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file)</source>
        <translation>アプリ内で作成（ファイルなし）</translation>
    </message>
    <message>
        <source>Input: {layer}</source>
        <translation>入力：{layer}</translation>
    </message>
    <message>
        <source>Note: {key}</source>
        <translation>注記：{key}</translation>
    </message>
</context>
<context>
    <name>ProvenanceDialog</name>
    <message>
        <source>Provenance: {title}</source>
        <translation>来歴：{title}</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Show JSON</source>
        <translation>JSON を表示</translation>
    </message>
</context>
<context>
    <name>ReportWorker</name>
    <message>
        <source>The report could not be started ({reason}); try again.</source>
        <extracomment>seconds a cancelled report process gets to end before it is killed</extracomment>
        <translation>レポートの作成を開始できませんでした（{reason}）。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The report failed.</source>
        <translation>レポートの作成に失敗しました。</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>New…</source>
        <extracomment>the item data role holding a scenario&apos;s name (None for the baseline)</extracomment>
        <translation>新規…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>名前を変更…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>No project is open: File → New project… starts one.</source>
        <translation>開いているプロジェクトはありません。ファイル → 新しいプロジェクト… で作成します。</translation>
    </message>
    <message>
        <source>Click a scenario to show it; the baseline is never changed.</source>
        <translation>シナリオをクリックすると表示されます。現況は決して変更されません。</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>現況</translation>
    </message>
    <message>
        <source>Edits of {scenario} (first to last):</source>
        <translation>{scenario} の編集 (最初から最後まで):</translation>
    </message>
    <message>
        <source>{scenario} has no edits yet: choose a tool in the Edit scenario toolbar.</source>
        <translation>{scenario} にはまだ編集がありません。「シナリオの編集」ツールバーからツールを選んでください。</translation>
    </message>
    <message>
        <source>Choose or make a scenario to edit the city.</source>
        <translation>街を編集するには、シナリオを選ぶか作成してください。</translation>
    </message>
    <message>
        <source>Undo: {edit}</source>
        <translation>元に戻す: {edit}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo: {edit}</source>
        <translation>やり直す: {edit}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直す</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>新しいシナリオ</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>新しいシナリオの名前:</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>シナリオの名前を変更</translation>
    </message>
    <message>
        <source>New name of {scenario}:</source>
        <translation>{scenario} の新しい名前:</translation>
    </message>
    <message>
        <source>Delete scenario</source>
        <translation>シナリオを削除</translation>
    </message>
    <message>
        <source>Delete the scenario {scenario}? Its edits ({count}) are lost; this cannot be undone.</source>
        <translation>シナリオ {scenario} を削除しますか? その編集 ({count} 件) は失われ、元に戻せません。</translation>
    </message>
</context>
<context>
    <name>StoryPanel</name>
    <message>
        <source>The story has no viewpoint called &apos;{name}&apos;.</source>
        <translation>ストーリーに「{name}」というビューはありません。</translation>
    </message>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <translation>先にプロジェクトを作成するか開いてください（ファイル → 新しいプロジェクト…）。</translation>
    </message>
    <message>
        <source>A viewpoint needs a name; give one, such as &apos;The harbour&apos;.</source>
        <translation>ビューには名前が必要です。「港」のような名前を付けてください。</translation>
    </message>
    <message>
        <source>The story already has a viewpoint called &apos;{name}&apos;; choose another name.</source>
        <translation>ストーリーには「{name}」というビューが既にあります。別の名前を選んでください。</translation>
    </message>
    <message>
        <source>Open or start a project (File → New project…) to save views and play them as a story.</source>
        <translation>プロジェクトを開くか作成すると（ファイル → 新しいプロジェクト…）、ビューを保存してストーリーとして再生できます。</translation>
    </message>
    <message>
        <source>Double-click a view to fly there.</source>
        <translation>ビューをダブルクリックするとそこへ移動します。</translation>
    </message>
    <message>
        <source>What to say at this view</source>
        <translation>このビューで話すこと</translation>
    </message>
    <message>
        <source>Add view</source>
        <translation>ビューを追加</translation>
    </message>
    <message>
        <source>Save the 3D view as it is now as the story&apos;s next step</source>
        <translation>現在の 3D ビューをストーリーの次のステップとして保存します</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前を変更</translation>
    </message>
    <message>
        <source>Give the chosen view another name</source>
        <translation>選んだビューの名前を変更します</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Show the chosen view earlier</source>
        <translation>選んだビューを前に移動します</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>Show the chosen view later</source>
        <translation>選んだビューを後ろに移動します</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the chosen view from the story</source>
        <translation>選んだビューをストーリーから削除します</translation>
    </message>
    <message>
        <source>Fly there</source>
        <translation>そこへ移動</translation>
    </message>
    <message>
        <source>Fly the camera to the chosen view</source>
        <translation>カメラを選んだビューへ移動します</translation>
    </message>
    <message>
        <source>View {n}</source>
        <translation>ビュー {n}</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>このビューの名前:</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>ビューの名前を変更</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新しい名前:</translation>
    </message>
    <message>
        <source>Story</source>
        <translation>ストーリー</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <source>by key</source>
        <translation>キーで</translation>
    </message>
    <message>
        <source>by location</source>
        <translation>位置で</translation>
    </message>
    <message>
        <source>(every column of numbers)</source>
        <translation>（数値のすべての列）</translation>
    </message>
    <message>
        <source>(none: one value per feature)</source>
        <translation>（なし：地物ごとに 1 つの値）</translation>
    </message>
    <message>
        <source>refuse repeated keys</source>
        <translation>重複するキーを拒否</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Import table</source>
        <translation>表のインポート</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Tables (*.csv *.txt *.gpkg *.geojson *.json);;All files (*)</source>
        <translation>表 (*.csv *.txt *.gpkg *.geojson *.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>times carry their UTC offset (the city&apos;s zone is {zone})</source>
        <translation>時刻に UTC オフセットが含まれます（都市のタイムゾーン：{zone}）</translation>
    </message>
    <message>
        <source>times carry their UTC offset</source>
        <translation>時刻に UTC オフセットが含まれます</translation>
    </message>
    <message>
        <source>The IANA time zone (e.g. Europe/Helsinki) of times written without an offset.</source>
        <translation>オフセットなしで書かれた時刻の IANA タイムゾーンです（例：Europe/Helsinki）。</translation>
    </message>
    <message>
        <source>Observation store</source>
        <translation>観測データの保存先</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage ファイル (*.gpkg)</translation>
    </message>
    <message>
        <source>Choose a table.</source>
        <translation>表を選んでください。</translation>
    </message>
    <message>
        <source>Table file</source>
        <translation>表のファイル</translation>
    </message>
    <message>
        <source>Join to layer</source>
        <translation>結合先のレイヤー</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>結合方法</translation>
    </message>
    <message>
        <source>Layer key column</source>
        <translation>レイヤーのキー列</translation>
    </message>
    <message>
        <source>Table key column</source>
        <translation>表のキー列</translation>
    </message>
    <message>
        <source>Value column</source>
        <translation>値の列</translation>
    </message>
    <message>
        <source>Rows sharing a key or feature</source>
        <translation>キーや地物が同じ行</translation>
    </message>
    <message>
        <source>Time column</source>
        <translation>時刻の列</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>タイムゾーン</translation>
    </message>
    <message>
        <source>Store time series in</source>
        <translation>時系列の保存先</translation>
    </message>
    <message>
        <source>{rows} rows will be placed in the features of &apos;{layer}&apos; by their coordinates.</source>
        <translation>{rows} 行を座標に基づいて「{layer}」の地物に割り当てます。</translation>
    </message>
    <message>
        <source>Choose the key columns.</source>
        <translation>キー列を選んでください。</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched; {unmatched} key(s) of the table match none.</source>
        <translation>建物 {total} 件中 {matched} 件が一致しました。表のキー {unmatched} 件はどれにも一致しません。</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched.</source>
        <translation>建物 {total} 件中 {matched} 件が一致しました。</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched; {unmatched} key(s) of the table match none.</source>
        <translation>地物 {total} 件中 {matched} 件が一致しました。表のキー {unmatched} 件はどれにも一致しません。</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched.</source>
        <translation>地物 {total} 件中 {matched} 件が一致しました。</translation>
    </message>
    <message>
        <source>Choose a table file and the layer to join it to.</source>
        <translation>表のファイルと、結合先のレイヤーを選んでください。</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>まだ準備ができていません</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then import the table.</source>
        <translation>都市の読み込みが終わるまで待ってから、表をインポートしてください。</translation>
    </message>
    <message>
        <source>The table could not be joined</source>
        <translation>表を結合できませんでした</translation>
    </message>
    <message>
        <source>Importing {table}</source>
        <translation>{table} をインポート中</translation>
    </message>
</context>
<context>
    <name>TableJoinWorker</name>
    <message>
        <source>Joining {table}…</source>
        <translation>{table} を結合しています…</translation>
    </message>
    <message>
        <source>The table &apos;{table}&apos; could not be joined</source>
        <translation>表「{table}」を結合できませんでした</translation>
    </message>
</context>
<context>
    <name>TimeBar</name>
    <message>
        <source>&apos;{text}&apos; is not a time: type 17:30, 17:30:15 or 2022-02-22 17:30.</source>
        <translation>「{text}」は時刻ではありません。17:30、17:30:15、2022-02-22 17:30 のように入力してください。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a time that exists: {reason}.</source>
        <translation>「{text}」は存在しない時刻です：{reason}。</translation>
    </message>
    <message>
        <source>Replay speed (× real time)</source>
        <extracomment>the user moved the clock (play, pause, speed, jump, live): the window shows the new time at once</extracomment>
        <translation>再生速度（実時間の何倍か）</translation>
    </message>
    <message>
        <source>Drag to any moment the store holds</source>
        <translation>保存されている任意の時点までドラッグできます</translation>
    </message>
    <message>
        <source>jump to 17:30</source>
        <translation>17:30 へ移動</translation>
    </message>
    <message>
        <source>Type a time (17:30, or 2022-02-22 17:30) in the city&apos;s time zone, then Enter</source>
        <translation>都市のタイムゾーンで時刻（17:30 または 2022-02-22 17:30）を入力し、Enter キーを押してください</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>ライブ</translation>
    </message>
    <message>
        <source>Follow the newest data the feeds have stored</source>
        <translation>フィードが保存した最新のデータを追います</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>ここから再生</translation>
    </message>
</context>
<context>
    <name>TransitMode</name>
    <message>
        <source>Bus</source>
        <translation>バス</translation>
    </message>
    <message>
        <source>Tram</source>
        <translation>路面電車</translation>
    </message>
    <message>
        <source>Rail</source>
        <translation>鉄道</translation>
    </message>
    <message>
        <source>Metro</source>
        <translation>地下鉄</translation>
    </message>
    <message>
        <source>Ferry</source>
        <translation>フェリー</translation>
    </message>
</context>
<context>
    <name>Workshop</name>
    <message>
        <source>New &amp;project…</source>
        <extracomment>the chooser&apos;s entry for &quot;no scenario&quot;</extracomment>
        <translation>新しいプロジェクト(&amp;P)…</translation>
    </message>
    <message>
        <source>Open p&amp;roject…</source>
        <translation>プロジェクトを開く(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>プロジェクトを保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>名前を付けてプロジェクトを保存(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>ワークショップ</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>シナリオ：</translation>
    </message>
    <message>
        <source>The scenario shown in 3D and edited; Baseline is the city as it is.</source>
        <translation>3D で表示・編集するシナリオです。「現況」は都市の今の姿です。</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>現況</translation>
    </message>
    <message>
        <source>New scenario…</source>
        <translation>新しいシナリオ…</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>{what} を元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>{what} をやり直す(&amp;R)</translation>
    </message>
    <message>
        <source>twin_app project (*.twinproj.gpkg *.gpkg)</source>
        <translation>twin_app プロジェクト (*.twinproj.gpkg *.gpkg)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新しいプロジェクト</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>プロジェクトを開く</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>名前を付けてプロジェクトを保存</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>新しいシナリオ</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>新しいシナリオの名前：</translation>
    </message>
</context>
<context>
    <name>WorkshopSession</name>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <extracomment>milliseconds between autosaves (a checkpoint of the journalled changes) after an edit, undo or redo of the active scenario, once the shown model is in sync the city&apos;s own layers, kept aside while a scenario shows its copies ids of the layers the scenario put in the shown model (copies, or layers it added)</extracomment>
        <translation>先にプロジェクトを作成するか開いてください（ファイル → 新しいプロジェクト…）。</translation>
    </message>
    <message>
        <source>Open a city first; a project belongs to a city.</source>
        <translation>先に都市を開いてください。プロジェクトは都市に属します。</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>保存されていない変更を復元しますか?</translation>
    </message>
    <message>
        <source>The project {name} has {count} changes made after it was last saved (the app did not close normally). Recover them? No drops them and opens the project as last saved.</source>
        <translation>プロジェクト {name} には、最後に保存した後の変更が {count} 件あります（アプリが正常に終了しませんでした）。復元しますか?「いいえ」を選ぶと変更を破棄し、最後に保存した状態でプロジェクトを開きます。</translation>
    </message>
    <message>
        <source>The project could not be saved: {why}</source>
        <translation>プロジェクトを保存できませんでした：{why}</translation>
    </message>
    <message>
        <source>The baseline is never changed: choose or create a scenario to edit.</source>
        <translation>現況は変更されません。編集するシナリオを選ぶか作成してください。</translation>
    </message>
    <message>
        <source>Open a city first; a viewpoint is a view of it.</source>
        <translation>先に都市を開いてください。視点は都市の眺めです。</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
</context>
</TS>
