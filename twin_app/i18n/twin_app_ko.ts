<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>AnalysisWorker</name>
    <message>
        <source>The analysis stopped because of an unexpected error ({error}).</source>
        <translation>예기치 않은 오류로 분석이 중단되었습니다({error}).</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Run an analysis to see results</source>
        <translation>결과를 보려면 분석을 실행하세요</translation>
    </message>
</context>
<context>
    <name>BuildingDialog</name>
    <message>
        <source>Building {key}</source>
        <translation>건물 {key}</translation>
    </message>
    <message>
        <source>Now {height} m tall, used as: {use}.</source>
        <translation>현재 높이 {height} m, 용도: {use}.</translation>
    </message>
    <message>
        <source>Height unknown, used as: {use}.</source>
        <translation>높이를 알 수 없음, 용도: {use}.</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>높이</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>용도</translation>
    </message>
</context>
<context>
    <name>CompareViews</name>
    <message>
        <source>Compare side by side</source>
        <translation>나란히 비교</translation>
    </message>
    <message>
        <source>The baseline in a second view beside the scenario, cameras linked</source>
        <translation>시나리오 옆 두 번째 화면에 현재 상태를 표시하며, 카메라가 연동됩니다</translation>
    </message>
    <message>
        <source>Swipe baseline and scenario</source>
        <translation>현재 상태와 시나리오 스와이프 비교</translation>
    </message>
    <message>
        <source>One picture: the baseline left of a divider you drag, the scenario right of it</source>
        <translation>하나의 화면: 끌어서 옮기는 구분선 왼쪽은 현재 상태, 오른쪽은 시나리오</translation>
    </message>
    <message>
        <source>Open a city first, then compare.</source>
        <translation>먼저 도시를 연 다음 비교하세요.</translation>
    </message>
    <message>
        <source>Scenario: {name}</source>
        <translation>시나리오: {name}</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>시나리오</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>현재 상태</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Scenario comparison</source>
        <translation>시나리오 비교</translation>
    </message>
</context>
<context>
    <name>ComparisonPanel</name>
    <message>
        <source>Run an analysis, then choose or edit a scenario to compare it.</source>
        <translation>분석을 실행한 다음 비교할 시나리오를 선택하거나 편집하세요.</translation>
    </message>
    <message>
        <source>Show the change in 3D</source>
        <translation>변화를 3D로 표시</translation>
    </message>
    <message>
        <source>District</source>
        <translation>지구</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>현재 상태</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>시나리오</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변화</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>추세</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>지표</translation>
    </message>
    <message>
        <source>The baseline is shown: choose or create a scenario to compare.</source>
        <translation>현재 상태가 표시되어 있습니다. 비교할 시나리오를 선택하거나 만드세요.</translation>
    </message>
    <message>
        <source>Scenario “{scenario}” against the baseline</source>
        <translation>현재 상태 대비 시나리오 “{scenario}”</translation>
    </message>
    <message>
        <source>percentage points</source>
        <translation>퍼센트포인트</translation>
    </message>
    <message>
        <source>Changes are in {unit}.</source>
        <translation>변화의 단위는 {unit}입니다.</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>도시 전체</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>값 없음</translation>
    </message>
    <message>
        <source>= no change</source>
        <translation>= 변화 없음</translation>
    </message>
    <message>
        <source>▲ up</source>
        <translation>▲ 상승</translation>
    </message>
    <message>
        <source>▼ down</source>
        <translation>▼ 하락</translation>
    </message>
    <message>
        <source>▲ better</source>
        <translation>▲ 개선</translation>
    </message>
    <message>
        <source>▲ worse</source>
        <translation>▲ 악화</translation>
    </message>
    <message>
        <source>▼ better</source>
        <translation>▼ 개선</translation>
    </message>
    <message>
        <source>▼ worse</source>
        <translation>▼ 악화</translation>
    </message>
</context>
<context>
    <name>ComparisonSession</name>
    <message>
        <source>Updating the indicators</source>
        <translation>지표를 업데이트하는 중</translation>
    </message>
    <message>
        <source>Scenario comparison</source>
        <translation>시나리오 비교</translation>
    </message>
    <message>
        <source>Change in {indicator}</source>
        <translation>{indicator}의 변화</translation>
    </message>
</context>
<context>
    <name>ConnectFeedDialog</name>
    <message>
        <source>Connect feed</source>
        <translation>피드 연결</translation>
    </message>
    <message>
        <source>{title} ({schemes}; built-in)</source>
        <translation>{title} ({schemes}; 기본 제공)</translation>
    </message>
    <message>
        <source>{title} ({schemes}; from {package})</source>
        <translation>{title} ({schemes}; {package} 제공)</translation>
    </message>
    <message>
        <source>{title} ({schemes}; plugin)</source>
        <translation>{title} ({schemes}; 플러그인)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>소스</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>shown in the feed panel and the layer list</source>
        <translation>피드 패널과 레이어 목록에 표시됩니다</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Give the feed&apos;s address, such as {example}.</source>
        <translation>피드 주소를 입력하세요(예: {example}).</translation>
    </message>
</context>
<context>
    <name>ControlBar</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 이전</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>다음 ▶</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>처음 보기</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>나가기</translation>
    </message>
</context>
<context>
    <name>DistrictPanel</name>
    <message>
        <source>All selected</source>
        <extracomment>the row of the whole selection (English source, as a district key; shown translated)</extracomment>
        <translation>선택 전체</translation>
    </message>
    <message>
        <source>Districts (none ticked = all)</source>
        <translation>지구(선택하지 않으면 전체)</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>차트</translation>
    </message>
    <message>
        <source>Provenance…</source>
        <translation>출처 정보…</translation>
    </message>
    <message>
        <source>No analysis run yet.</source>
        <translation>아직 실행한 분석이 없습니다.</translation>
    </message>
    <message>
        <source>{definition}
(key: {key})</source>
        <translation>{definition}
(키: {key})</translation>
    </message>
</context>
<context>
    <name>EditTools</name>
    <message>
        <source>Add stop</source>
        <extracomment>the marker following the mouse moves at most this often (milliseconds) a click within this many pixels of a street, stop or tree finds it even when that is many metres an edit was handed to the workshop (accepted or refused): the tool&apos;s name a marker follows the mouse where a click would put a stop; None: decided by the OpenGL (off on a software one, where each redraw takes about a second)</extracomment>
        <translation>정류장 추가</translation>
    </message>
    <message>
        <source>Click near a street: a new stop is placed on it</source>
        <translation>거리 근처를 클릭하면 그 거리 위에 새 정류장이 놓입니다</translation>
    </message>
    <message>
        <source>Move stop</source>
        <translation>정류장 이동</translation>
    </message>
    <message>
        <source>Click a stop, then its new place on a street</source>
        <translation>정류장을 클릭한 다음 거리 위의 새 위치를 클릭하세요</translation>
    </message>
    <message>
        <source>Remove stop</source>
        <translation>정류장 삭제</translation>
    </message>
    <message>
        <source>Click a stop to remove it</source>
        <translation>삭제할 정류장을 클릭하세요</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>노선 추가</translation>
    </message>
    <message>
        <source>Click stops or street points in order; double-click or Enter finishes, Esc cancels</source>
        <translation>정류장이나 거리 지점을 순서대로 클릭하세요. 더블클릭 또는 Enter로 끝내고 Esc로 취소합니다</translation>
    </message>
    <message>
        <source>Add trees</source>
        <translation>나무 추가</translation>
    </message>
    <message>
        <source>Each click plants a tree</source>
        <translation>클릭할 때마다 나무를 한 그루 심습니다</translation>
    </message>
    <message>
        <source>Remove trees</source>
        <translation>나무 삭제</translation>
    </message>
    <message>
        <source>Click a tree to remove it</source>
        <translation>삭제할 나무를 클릭하세요</translation>
    </message>
    <message>
        <source>Draw green area</source>
        <translation>녹지 그리기</translation>
    </message>
    <message>
        <source>Click the corners of a park; double-click or Enter closes it, Esc cancels</source>
        <translation>공원의 모서리를 클릭하세요. 더블클릭 또는 Enter로 닫고 Esc로 취소합니다</translation>
    </message>
    <message>
        <source>Remove green area</source>
        <translation>녹지 삭제</translation>
    </message>
    <message>
        <source>Click a park or green area to remove it</source>
        <translation>삭제할 공원이나 녹지를 클릭하세요</translation>
    </message>
    <message>
        <source>Building height / use</source>
        <translation>건물 높이 / 용도</translation>
    </message>
    <message>
        <source>Click a building to change its height or use</source>
        <translation>높이나 용도를 바꿀 건물을 클릭하세요</translation>
    </message>
    <message>
        <source>Car-free street</source>
        <translation>차 없는 거리</translation>
    </message>
    <message>
        <source>Click a street to make it car-free</source>
        <translation>차 없는 거리로 만들 거리를 클릭하세요</translation>
    </message>
    <message>
        <source>Edit scenario</source>
        <translation>시나리오 편집</translation>
    </message>
    <message>
        <source>New stops:</source>
        <translation>새 정류장:</translation>
    </message>
    <message>
        <source>The mode of the stops the Add stop tool places</source>
        <translation>정류장 추가 도구가 놓는 정류장의 교통수단</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Finish the line or the green area being drawn (Enter)</source>
        <translation>그리고 있는 노선이나 녹지를 완료합니다 (Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Drop what is being drawn (Esc)</source>
        <translation>그리고 있는 것을 버립니다 (Esc)</translation>
    </message>
    <message>
        <source>Click on the city, not the sky.</source>
        <translation>하늘이 아니라 도시를 클릭하세요.</translation>
    </message>
    <message>
        <source>Done: {what}. Undo with Ctrl+Z.</source>
        <translation>완료: {what}. Ctrl+Z로 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>No street within {metres} m of the click; click nearer a street.</source>
        <translation>클릭한 곳에서 {metres} m 안에 거리가 없습니다. 거리에 더 가까이 클릭하세요.</translation>
    </message>
    <message>
        <source>No stop there; click on a stop.</source>
        <translation>그곳에는 정류장이 없습니다. 정류장을 클릭하세요.</translation>
    </message>
    <message>
        <source>New stop {number}</source>
        <translation>새 정류장 {number}</translation>
    </message>
    <message>
        <source>Now click the new place of the stop {stop}.</source>
        <translation>이제 정류장 {stop}의 새 위치를 클릭하세요.</translation>
    </message>
    <message>
        <source>{count} stops so far; double-click or press Enter to finish.</source>
        <translation>지금까지 정류장 {count}개. 끝내려면 더블클릭하거나 Enter를 누르세요.</translation>
    </message>
    <message>
        <source>A line needs at least two stops; click another one.</source>
        <translation>노선에는 정류장이 두 개 이상 필요합니다. 하나 더 클릭하세요.</translation>
    </message>
    <message>
        <source>New line {number}</source>
        <translation>새 노선 {number}</translation>
    </message>
    <message>
        <source>No tree there; click on a tree.</source>
        <translation>그곳에는 나무가 없습니다. 나무를 클릭하세요.</translation>
    </message>
    <message>
        <source>{count} corners so far; double-click or press Enter to close the area.</source>
        <translation>지금까지 모서리 {count}개. 영역을 닫으려면 더블클릭하거나 Enter를 누르세요.</translation>
    </message>
    <message>
        <source>A green area needs at least three corners; click another one.</source>
        <translation>녹지에는 모서리가 세 개 이상 필요합니다. 하나 더 클릭하세요.</translation>
    </message>
    <message>
        <source>This outline crosses itself or encloses nothing, so it cannot be a green area; press Esc and draw it again without crossing lines.</source>
        <translation>이 윤곽선은 스스로 교차하거나 아무것도 둘러싸지 않아 녹지가 될 수 없습니다. Esc를 누르고 선이 교차하지 않게 다시 그리세요.</translation>
    </message>
    <message>
        <source>New green area</source>
        <translation>새 녹지</translation>
    </message>
    <message>
        <source>No park or green area there; click inside one.</source>
        <translation>그곳에는 공원이나 녹지가 없습니다. 그 안쪽을 클릭하세요.</translation>
    </message>
    <message>
        <source>No building there; click on a building.</source>
        <translation>그곳에는 건물이 없습니다. 건물을 클릭하세요.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>1280×720 (HD)</source>
        <extracomment>the sizes offered besides the view&apos;s own (the largest is the export limit)</extracomment>
        <translation>1280×720(HD 화질)</translation>
    </message>
    <message>
        <source>1920×1080 (Full HD, slides)</source>
        <translation>1920×1080(풀 HD, 슬라이드)</translation>
    </message>
    <message>
        <source>3840×2160 (4K, posters)</source>
        <translation>3840×2160(4K, 포스터)</translation>
    </message>
    <message>
        <source>As the view ({width}×{height})</source>
        <translation>현재 보기와 같게({width}×{height})</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>보기 내보내기</translation>
    </message>
    <message>
        <source>Image size (text scales with it):</source>
        <translation>이미지 크기(글자 크기도 함께 조정됩니다):</translation>
    </message>
</context>
<context>
    <name>ExportPinsDialog</name>
    <message>
        <source>Export feedback pins</source>
        <translation>의견 핀 내보내기</translation>
    </message>
    <message>
        <source>The {count} pins listed are exported. The file&apos;s ending chooses its format: .gpkg (GeoPackage), .geojson (GeoJSON) or .csv (a table).</source>
        <translation>목록의 핀 {count}개를 내보냅니다. 파일 확장자에 따라 형식이 정해집니다: .gpkg(GeoPackage), .geojson(GeoJSON), .csv(표).</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Include residents&apos; names</source>
        <translation>주민 이름 포함</translation>
    </message>
    <message>
        <source>Names are personal data: export them only where residents agreed.</source>
        <translation>이름은 개인정보입니다. 주민이 동의한 경우에만 내보내세요.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 파일 (*.gpkg)</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>GeoJSON 파일 (*.geojson)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 표 (*.csv)</translation>
    </message>
</context>
<context>
    <name>FeedPanel</name>
    <message>
        <source>Feed</source>
        <extracomment>at most this often (ms): twice a second reads as live and costs nothing under a flood a rate worked out from counts is averaged over this many seconds (feeds deliver in bursts) the columns, by their English names (``row_texts``&apos; keys); the headers show them translated</extracomment>
        <translation>피드</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation>메시지/초</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>저장됨</translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation>형식 오류</translation>
    </message>
    <message>
        <source>connecting</source>
        <extracomment>what ``row_texts`` calls the line under a feed&apos;s row that shows its last error each state as the panel says it</extracomment>
        <translation>연결 중</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>다시 연결 중</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>{title}
source: {source}
stored as: {id}</source>
        <translation>{title}
소스: {source}
저장 이름: {id}</translation>
    </message>
    <message>
        <source>Simulated: {statement}</source>
        <extracomment>each feed&apos;s (monotonic time, messages received) over the last RATE_WINDOW_S (for a rate)</extracomment>
        <translation>시뮬레이션: {statement}</translation>
    </message>
    <message>
        <source>Malformed messages: {count}. For example:
{samples}</source>
        <translation>형식이 잘못된 메시지: {count}개. 예:
{samples}</translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>마지막 오류: {error}</translation>
    </message>
</context>
<context>
    <name>FeedbackDock</name>
    <message>
        <source>Feedback</source>
        <translation>의견</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <source>Feedback pins are kept in a project. Start one with File → New project… (or open one), then drop pins on the map.</source>
        <translation>의견 핀은 프로젝트에 저장됩니다. 파일 → 새 프로젝트…로 프로젝트를 만들거나 연 다음 지도에 핀을 놓으세요.</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>새 프로젝트…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>모든 종류</translation>
    </message>
    <message>
        <source>Active scenario</source>
        <translation>현재 시나리오</translation>
    </message>
    <message>
        <source>All scenarios</source>
        <translation>모든 시나리오</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>코멘트</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>시나리오</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Then click the pin&apos;s new place in the 3D view</source>
        <translation>그런 다음 3D 보기에서 핀의 새 위치를 클릭하세요</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>아이디어</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>좋아요</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind}: {count}개</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>현재 상태</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
</context>
<context>
    <name>ImportWorker</name>
    <message>
        <source>Building the city &apos;{name}&apos;…</source>
        <translation>도시 &apos;{name}&apos;을(를) 만드는 중…</translation>
    </message>
    <message>
        <source>The city &apos;{name}&apos; could not be built</source>
        <translation>도시 &apos;{name}&apos;을(를) 만들 수 없습니다</translation>
    </message>
</context>
<context>
    <name>InfoPanel</name>
    <message>
        <source>Attribute</source>
        <translation>속성</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <extracomment>(level, source, text) for the messages panel</extracomment>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop the running job (and drop the waiting ones)</source>
        <translation>실행 중인 작업을 중지합니다(대기 중인 작업은 취소됩니다)</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소되었습니다.</translation>
    </message>
    <message>
        <source>Cancelling {job}…</source>
        <translation>{job} 취소 중…</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Waiting jobs dropped: {count}.</source>
        <translation>취소된 대기 작업: {count}개.</translation>
    </message>
    <message>
        <source>{job} (+{count} waiting)</source>
        <translation>{job}(대기 {count}개)</translation>
    </message>
    <message>
        <source>Running: {job}</source>
        <translation>실행 중: {job}</translation>
    </message>
    <message>
        <source>Waiting: {job}</source>
        <translation>대기 중: {job}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>No installed font has the letters of {language}, so its text may show as empty boxes. Install a CJK font (on Debian or Ubuntu: sudo apt-get install fonts-noto-cjk), then start twin_app again.</source>
        <extracomment>the compiled Qt translations of twin_app&apos;s own texts where the chosen language is kept between runs (QSettings organisation, application, key) the writing system each language needs a font for (Latin ones are in every font) Qt&apos;s locale for each code (the one whose ``qtbase_*.qm`` and number formats fit) the dynamic property on which :func:`keep_translated` keeps a widget&apos;s source texts Qt ships some of its own translations only for one country&apos;s variant</extracomment>
        <translation>{language} 문자를 표시할 글꼴이 설치되어 있지 않아 글자가 빈 상자로 보일 수 있습니다. CJK 글꼴을 설치한 뒤(Debian 또는 Ubuntu: sudo apt-get install fonts-noto-cjk) twin_app을 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>(single colour)</source>
        <extracomment>the colour-by choice that means &quot;no column&quot; (English source; shown translated)</extracomment>
        <translation>(단일 색상)</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>피처</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>불투명도</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>색상 기준</translation>
    </message>
</context>
<context>
    <name>LegendDock</name>
    <message>
        <source>Legend</source>
        <translation>범례</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <source>What the colours on the map mean</source>
        <extracomment>the dock keeps at least this height (pixels) for its first entry</extracomment>
        <translation>지도 색상의 의미</translation>
    </message>
    <message>
        <source>No coloured layer is shown.</source>
        <translation>표시된 색상 레이어가 없습니다.</translation>
    </message>
</context>
<context>
    <name>LineDialog</name>
    <message>
        <source>New line</source>
        <extracomment>the transit modes a new stop or line may have (the names ``timetable.mode_name`` gives GTFS routes) building uses offered first (any other OSM ``building`` value can be typed)</extracomment>
        <translation>새 노선</translation>
    </message>
    <message>
        <source>A line through {count} stops.</source>
        <translation>정류장 {count}개를 지나는 노선입니다.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>교통수단</translation>
    </message>
    <message>
        <source> per hour</source>
        <translation> 회/시간</translation>
    </message>
    <message>
        <source>Departures each way</source>
        <translation>방향별 출발 횟수</translation>
    </message>
</context>
<context>
    <name>LiveSession</name>
    <message>
        <source>{station} reads {reading} at {time}: beyond {rule}.</source>
        <extracomment>tests and portable installs put the live stores here instead of the user&apos;s data folder how far behind the newest observation live mode shows (s): two fixes of a 1 Hz feed and some slack the feed panel is refreshed this often (s), by the frame timer: at most twice a second the span the slider covers is read again this often (s): it grows as the feeds store more extra references to None, topped up while the live timer runs (see :func:`keep_none_alive`) the duration of the last frames&apos; work on the clock and playback (s) the duration of the last redraws of the view (s), whatever asked for them</extracomment>
        <translation>{station}의 측정값이 {time}에 {reading}(으)로 {rule}을(를) 벗어났습니다.</translation>
    </message>
    <message>
        <source>{station} reads {reading} at {time}: beyond its threshold.</source>
        <translation>{station}의 측정값이 {time}에 {reading}(으)로 임계값을 벗어났습니다.</translation>
    </message>
</context>
<context>
    <name>LoadWorker</name>
    <message>
        <source>Opening {file}…</source>
        <translation>{file} 여는 중…</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; could not be opened</source>
        <translation>&apos;{path}&apos;을(를) 열 수 없습니다</translation>
    </message>
    <message>
        <source>Loading the city &apos;{city}&apos; stopped</source>
        <translation>도시 &apos;{city}&apos; 불러오기가 중단되었습니다</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Preparing the 3D view…</source>
        <extracomment>while a city loads, redraw at most this often (a small city is drawn once, at the end) the city&apos;s layers have all been loaded (a scenario is shown on them only then) the raw parameters each analysis was last run with in this window (the report uses them)</extracomment>
        <translation>3D 보기를 준비하는 중…</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>피처</translation>
    </message>
    <message>
        <source>Districts and results</source>
        <translation>지구와 결과</translation>
    </message>
    <message>
        <source>Data sources</source>
        <translation>데이터 출처</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>click tools added by panels (pins, scenario editing): action → handler(x, y)</extracomment>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;city…</source>
        <translation>도시 열기(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>파일 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;New city from files…</source>
        <translation>파일로 새 도시 만들기(&amp;N)…</translation>
    </message>
    <message>
        <source>Import &amp;table…</source>
        <translation>표 가져오기(&amp;T)…</translation>
    </message>
    <message>
        <source>Connect &amp;feed…</source>
        <translation>피드 연결(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Export view as PNG…</source>
        <translation>보기를 PNG로 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Export scene as &amp;glTF…</source>
        <translation>장면을 glTF로 내보내기(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>보고서(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Analyses</source>
        <translation>분석(&amp;A)</translation>
    </message>
    <message>
        <source>{name} (could not be loaded)</source>
        <translation>{name}(불러올 수 없음)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Data sources and licences</source>
        <translation>데이터 출처와 라이선스</translation>
    </message>
    <message>
        <source>View</source>
        <translation>보기</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>처음 보기</translation>
    </message>
    <message>
        <source>Frame the whole city again (Home, H or R in the 3D view)</source>
        <translation>도시 전체가 다시 보이게 합니다(3D 보기에서 Home, H 또는 R)</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>화면 캡처</translation>
    </message>
    <message>
        <source>Save the 3D view as a PNG image</source>
        <translation>3D 보기를 PNG 이미지로 저장합니다</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>식별</translation>
    </message>
    <message>
        <source>Click a feature to see its attributes and results</source>
        <translation>피처를 클릭하면 속성과 결과가 표시됩니다</translation>
    </message>
    <message>
        <source>Select districts</source>
        <translation>지구 선택</translation>
    </message>
    <message>
        <source>While on, clicking in the 3D view ticks or unticks a district.</source>
        <translation>켜져 있는 동안 3D 보기를 클릭하면 지구가 선택되거나 선택 해제됩니다.</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>측정</translation>
    </message>
    <message>
        <source>Click two or more points to measure the distance along them on the map; Esc clears</source>
        <translation>지도에서 두 개 이상의 점을 클릭해 그 경로의 거리를 잽니다. Esc로 지웁니다</translation>
    </message>
    <message>
        <source>Click on the city to measure.</source>
        <translation>측정하려면 도시를 클릭하세요.</translation>
    </message>
    <message>
        <source>Measure: click the next point (Esc clears).</source>
        <translation>측정: 다음 점을 클릭하세요(Esc로 지움).</translation>
    </message>
    <message>
        <source>Distance on the map: {distance} (Esc clears)</source>
        <translation>지도상 거리: {distance}(Esc로 지움)</translation>
    </message>
    <message>
        <source>Measurement cleared.</source>
        <translation>측정을 지웠습니다.</translation>
    </message>
    <message>
        <source>Starting the 3D view…</source>
        <translation>3D 보기를 시작하는 중…</translation>
    </message>
    <message>
        <source>Districts: {names}</source>
        <translation>지구: {names}</translation>
    </message>
    <message>
        <source>Districts: all</source>
        <translation>지구: 전체</translation>
    </message>
    <message>
        <source>Nothing to identify there.</source>
        <translation>그곳에는 식별할 대상이 없습니다.</translation>
    </message>
    <message>
        <source>{layer}: feature {feature}</source>
        <translation>{layer}: 피처 {feature}</translation>
    </message>
    <message>
        <source>The city could not be opened</source>
        <translation>도시를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Loading {city}</source>
        <translation>{city} 불러오는 중</translation>
    </message>
    <message>
        <source>Opening {files}</source>
        <translation>{files} 여는 중</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>아직 준비되지 않았습니다</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then run the analysis.</source>
        <translation>도시를 다 불러올 때까지 기다린 뒤 분석을 실행하세요.</translation>
    </message>
    <message>
        <source>The analysis is not available</source>
        <translation>이 분석을 사용할 수 없습니다</translation>
    </message>
    <message>
        <source>Analysis {name}</source>
        <translation>분석 {name}</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>분석</translation>
    </message>
    <message>
        <source>The analysis could not finish</source>
        <translation>분석을 끝낼 수 없습니다</translation>
    </message>
    <message>
        <source>Analysis cancelled.</source>
        <translation>분석을 취소했습니다.</translation>
    </message>
    <message>
        <source>Analysis finished.</source>
        <translation>분석이 끝났습니다.</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>불러오기를 취소했습니다.</translation>
    </message>
    <message>
        <source>Ready. Layers: {count}.</source>
        <translation>준비 완료. 레이어: {count}개.</translation>
    </message>
    <message>
        <source>Some data could not be loaded</source>
        <translation>일부 데이터를 불러올 수 없습니다</translation>
    </message>
    <message>
        <source>Open a city folder (with city.toml)</source>
        <translation>도시 폴더 열기(city.toml 포함)</translation>
    </message>
    <message>
        <source>Open data files</source>
        <translation>데이터 파일 열기</translation>
    </message>
    <message>
        <source>Data ({patterns});;All files (*)</source>
        <translation>데이터 ({patterns});;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>피드</translation>
    </message>
    <message>
        <source>This window cannot start feeds yet; ingest it with &apos;twin-app feed ingest&apos;.</source>
        <translation>이 창에서는 아직 피드를 시작할 수 없습니다. &apos;twin-app feed ingest&apos;로 수집하세요.</translation>
    </message>
    <message>
        <source>Building the city {name}</source>
        <translation>도시 {name} 만드는 중</translation>
    </message>
    <message>
        <source>New city</source>
        <translation>새 도시</translation>
    </message>
    <message>
        <source>The city could not be created</source>
        <translation>도시를 만들 수 없습니다</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>보기 내보내기</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>The view could not be exported</source>
        <translation>보기를 내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>There is no view to export yet: open a city first.</source>
        <translation>아직 내보낼 보기가 없습니다. 먼저 도시를 여세요.</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>저장함: {path}</translation>
    </message>
    <message>
        <source>Export scene</source>
        <translation>장면 내보내기</translation>
    </message>
    <message>
        <source>Binary glTF (*.glb)</source>
        <translation>바이너리 glTF (*.glb)</translation>
    </message>
    <message>
        <source>The scene could not be exported</source>
        <translation>장면을 내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>The scene was saved to {path}.</source>
        <translation>장면을 {path}에 저장했습니다.</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then make the report.</source>
        <translation>도시를 다 불러올 때까지 기다린 뒤 보고서를 만드세요.</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 문서 (*.pdf)</translation>
    </message>
    <message>
        <source>The report was saved to {path}.</source>
        <translation>보고서를 {path}에 저장했습니다.</translation>
    </message>
    <message>
        <source>The report could not be made</source>
        <translation>보고서를 만들 수 없습니다</translation>
    </message>
    <message>
        <source>No city is open.</source>
        <translation>열린 도시가 없습니다.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>source and licence not stated: see the file&apos;s own notes</source>
        <translation>출처와 라이선스가 명시되지 않았습니다. 파일 자체의 설명을 확인하세요</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>라이선스</translation>
    </message>
    <message>
        <source>Live feeds</source>
        <translation>실시간 피드</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>No city is open</source>
        <translation>열린 도시가 없습니다</translation>
    </message>
    <message>
        <source>Open a city first, then connect the feed to it.</source>
        <translation>먼저 도시를 연 다음 피드를 연결하세요.</translation>
    </message>
    <message>
        <source>The feed {name} could not start: {reason}</source>
        <translation>피드 {name}을(를) 시작할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>Simulated data shown, not real-time: {feeds}</source>
        <translation>실시간이 아닌 시뮬레이션 데이터를 표시 중: {feeds}</translation>
    </message>
</context>
<context>
    <name>NewCityDialog</name>
    <message>
        <source>New city from files</source>
        <translation>파일로 새 도시 만들기</translation>
    </message>
    <message>
        <source>Vector files (*.gpkg *.geojson *.shp *.fgb)</source>
        <translation>벡터 파일 (*.gpkg *.geojson *.shp *.fgb)</translation>
    </message>
    <message>
        <source>OpenStreetMap extract</source>
        <translation>OpenStreetMap 추출 파일</translation>
    </message>
    <message>
        <source>OSM (*.osm *.osm.bz2 *.osm.pbf *.pbf)</source>
        <translation>OSM 데이터 (*.osm *.osm.bz2 *.osm.pbf *.pbf)</translation>
    </message>
    <message>
        <source>GTFS feed</source>
        <translation>GTFS 피드</translation>
    </message>
    <message>
        <source>GTFS (*.zip)</source>
        <translation>GTFS 데이터 (*.zip)</translation>
    </message>
    <message>
        <source>Population grid</source>
        <translation>인구 격자</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>지구</translation>
    </message>
    <message>
        <source>The column of the districts file that holds their names.</source>
        <translation>지구 파일에서 지구 이름이 들어 있는 열입니다.</translation>
    </message>
    <message>
        <source>chosen from the OSM file</source>
        <translation>OSM 파일에서 선택됨</translation>
    </message>
    <message>
        <source>Without a districts file: the OSM admin_level of the districts.</source>
        <translation>지구 파일이 없을 때 사용할 지구의 OSM admin_level입니다.</translation>
    </message>
    <message>
        <source>Raster (e.g. heat)</source>
        <translation>래스터(예: 열)</translation>
    </message>
    <message>
        <source>Raster (*.tif *.tiff)</source>
        <translation>래스터 (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>as the raster states (e.g. °C)</source>
        <translation>래스터에 적힌 대로(예: °C)</translation>
    </message>
    <message>
        <source>© OpenStreetMap contributors (ODbL)</source>
        <extracomment>a credit per given file; empty means &quot;what the file itself says&quot;</extracomment>
        <translation>© OpenStreetMap 기여자 (ODbL)</translation>
    </message>
    <message>
        <source>as the file states, if it does</source>
        <translation>파일에 적혀 있으면 그대로</translation>
    </message>
    <message>
        <source>by building type (docs/buildings.md)</source>
        <translation>건물 유형별(docs/buildings.md)</translation>
    </message>
    <message>
        <source>Parent folder</source>
        <translation>상위 폴더</translation>
    </message>
    <message>
        <source>credit</source>
        <translation>출처 표기</translation>
    </message>
    <message>
        <source>City name</source>
        <translation>도시 이름</translation>
    </message>
    <message>
        <source>OSM file (required)</source>
        <translation>OSM 파일(필수)</translation>
    </message>
    <message>
        <source>District name column</source>
        <translation>지구 이름 열</translation>
    </message>
    <message>
        <source>District admin level</source>
        <translation>지구 행정 단계</translation>
    </message>
    <message>
        <source>Raster</source>
        <translation>래스터</translation>
    </message>
    <message>
        <source>Raster label</source>
        <translation>래스터 이름표</translation>
    </message>
    <message>
        <source>Raster units</source>
        <translation>래스터 단위</translation>
    </message>
    <message>
        <source>Storey height (m)</source>
        <translation>층고(m)</translation>
    </message>
    <message>
        <source>Default building height (m)</source>
        <translation>기본 건물 높이(m)</translation>
    </message>
    <message>
        <source>Save in</source>
        <translation>저장 위치</translation>
    </message>
    <message>
        <source>The storey height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>층고는 3이나 2.8처럼 미터 단위 숫자여야 합니다. &apos;{text}&apos;은(는) 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>The default building height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>기본 건물 높이는 3이나 2.8처럼 미터 단위 숫자여야 합니다. &apos;{text}&apos;은(는) 사용할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>ParamDialog</name>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>Tick districts to analyse; none ticked means all.</source>
        <translation>분석할 지구를 선택하세요. 선택하지 않으면 전체를 분석합니다.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Drop a feedback pin</source>
        <extracomment>the list&apos;s columns what a filter combo holds for &quot;every category&quot; / &quot;every scenario&quot;</extracomment>
        <translation>의견 핀 놓기</translation>
    </message>
    <message>
        <source>What kind of remark is it?</source>
        <translation>어떤 종류의 의견인가요?</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>아이디어</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>I like this</source>
        <translation>마음에 들어요</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>코멘트</translation>
    </message>
    <message>
        <source>What the resident said, in a few words</source>
        <translation>주민이 한 말을 간단히 적어 주세요</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>이름(선택)</translation>
    </message>
    <message>
        <source>Only if the resident wants to give it</source>
        <translation>주민이 원할 때만 적어 주세요</translation>
    </message>
    <message>
        <source>Drop pin</source>
        <translation>핀 놓기</translation>
    </message>
    <message>
        <source>{count} of {limit} characters</source>
        <translation>{limit}자 중 {count}자</translation>
    </message>
</context>
<context>
    <name>PinsController</name>
    <message>
        <source>Drop pin</source>
        <extracomment>the dialogs open now (tests drive them)</extracomment>
        <translation>핀 놓기</translation>
    </message>
    <message>
        <source>Click in the 3D view where a resident points, then say what they said</source>
        <translation>주민이 가리키는 곳을 3D 보기에서 클릭한 뒤 주민의 말을 적으세요</translation>
    </message>
    <message>
        <source>Move pin</source>
        <translation>핀 이동</translation>
    </message>
    <message>
        <source>Click the selected pin&apos;s new place in the 3D view</source>
        <translation>3D 보기에서 선택한 핀의 새 위치를 클릭하세요</translation>
    </message>
    <message>
        <source>Start a project first (File → New project…): pins are kept in it.</source>
        <translation>먼저 프로젝트를 시작하세요(파일 → 새 프로젝트…). 핀은 프로젝트에 저장됩니다.</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to drop a pin.</source>
        <translation>핀을 놓으려면 하늘이 아니라 도시를 클릭하세요.</translation>
    </message>
    <message>
        <source>Pin {number} dropped and saved in the project.</source>
        <translation>핀 {number}을(를) 놓고 프로젝트에 저장했습니다.</translation>
    </message>
    <message>
        <source>Pin {number}: {comment}</source>
        <translation>핀 {number}: {comment}</translation>
    </message>
    <message>
        <source>Click the pin&apos;s new place in the 3D view.</source>
        <translation>3D 보기에서 핀의 새 위치를 클릭하세요.</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to move the pin.</source>
        <translation>핀을 옮기려면 하늘이 아니라 도시를 클릭하세요.</translation>
    </message>
    <message>
        <source>Pin {number} moved.</source>
        <translation>핀 {number}을(를) 옮겼습니다.</translation>
    </message>
    <message>
        <source>Delete the pin?</source>
        <translation>핀을 삭제할까요?</translation>
    </message>
    <message>
        <source>Delete pin {number} (“{comment}”)? This cannot be undone.</source>
        <translation>핀 {number}(“{comment}”)을(를) 삭제할까요? 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Pin {number} deleted.</source>
        <translation>핀 {number}을(를) 삭제했습니다.</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>의견</translation>
    </message>
    <message>
        <source>The pins could not be exported</source>
        <translation>핀을 내보내지 못했습니다</translation>
    </message>
    <message>
        <source>The pins were saved to {path}.</source>
        <translation>핀을 {path}에 저장했습니다.</translation>
    </message>
</context>
<context>
    <name>PinsLegend</name>
    <message>
        <source>Idea</source>
        <translation>아이디어</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>좋아요</translation>
    </message>
    <message>
        <source>Feedback pins</source>
        <translation>의견 핀</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind}: {count}개</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Presentation</source>
        <translation>발표</translation>
    </message>
    <message>
        <source>No story yet</source>
        <translation>아직 스토리가 없습니다</translation>
    </message>
    <message>
        <source>Save views in the Story panel to play them here, one after another.</source>
        <translation>스토리 패널에 보기를 저장하면 여기에서 하나씩 차례로 보여 줍니다.</translation>
    </message>
    <message>
        <source>Views in the story: {count}</source>
        <translation>스토리의 보기: {count}개</translation>
    </message>
    <message>
        <source>Next flies to the first: {name}.</source>
        <translation>다음을 누르면 첫 번째 보기로 이동합니다: {name}.</translation>
    </message>
    <message>
        <source>{index} of {count}: {name}</source>
        <translation>{count}개 중 {index}번째: {name}</translation>
    </message>
    <message>
        <source>Show scenario: {name}</source>
        <translation>시나리오 보기: {name}</translation>
    </message>
    <message>
        <source>Show baseline</source>
        <translation>현재 상태 보기</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>발표 모드</translation>
    </message>
    <message>
        <source>Show the presentation on:</source>
        <translation>발표를 표시할 화면:</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>발표 모드(&amp;P)</translation>
    </message>
    <message>
        <source>The city full screen with the story&apos;s controls (Esc leaves)</source>
        <translation>스토리 조작 버튼과 함께 도시를 전체 화면으로 표시합니다(Esc로 나가기)</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Layers that could not be shown: {count}. The others are loaded.</source>
        <translation>표시할 수 없는 레이어: {count}개. 나머지는 불러왔습니다.</translation>
    </message>
</context>
<context>
    <name>Provenance</name>
    <message>
        <source>Analysis</source>
        <translation>분석</translation>
    </message>
    <message>
        <source>{title} ({analysis} {version})</source>
        <translation>{title}({analysis}, 버전 {version})</translation>
    </message>
    <message>
        <source>City</source>
        <translation>도시</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>{started} to {finished}</source>
        <translation>{started} ~ {finished}</translation>
    </message>
    <message>
        <source>Parameter: {name}</source>
        <translation>매개변수: {name}</translation>
    </message>
    <message>
        <source>{path}, SHA-256 {digest}…</source>
        <translation>{path}, SHA-256: {digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file), SHA-256 {digest}…</source>
        <translation>앱에서 만듦(파일 없음), SHA-256: {digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file)</source>
        <translation>앱에서 만듦(파일 없음)</translation>
    </message>
    <message>
        <source>Input: {layer}</source>
        <translation>입력: {layer}</translation>
    </message>
    <message>
        <source>Note: {key}</source>
        <translation>참고: {key}</translation>
    </message>
</context>
<context>
    <name>ProvenanceDialog</name>
    <message>
        <source>Provenance: {title}</source>
        <translation>출처 정보: {title}</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Show JSON</source>
        <translation>JSON 보기</translation>
    </message>
</context>
<context>
    <name>ReportWorker</name>
    <message>
        <source>The report could not be started ({reason}); try again.</source>
        <extracomment>seconds a cancelled report process gets to end before it is killed</extracomment>
        <translation>보고서 작성을 시작할 수 없습니다({reason}). 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The report failed.</source>
        <translation>보고서 작성에 실패했습니다.</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>New…</source>
        <extracomment>the item data role holding a scenario&apos;s name (None for the baseline)</extracomment>
        <translation>새로 만들기…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>이름 바꾸기…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>삭제…</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>시나리오</translation>
    </message>
    <message>
        <source>No project is open: File → New project… starts one.</source>
        <translation>열린 프로젝트가 없습니다. 파일 → 새 프로젝트…로 시작하세요.</translation>
    </message>
    <message>
        <source>Click a scenario to show it; the baseline is never changed.</source>
        <translation>시나리오를 클릭하면 표시됩니다. 기준 상태는 절대 바뀌지 않습니다.</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>기준 상태</translation>
    </message>
    <message>
        <source>Edits of {scenario} (first to last):</source>
        <translation>{scenario}의 편집 (처음부터 마지막까지):</translation>
    </message>
    <message>
        <source>{scenario} has no edits yet: choose a tool in the Edit scenario toolbar.</source>
        <translation>{scenario}에는 아직 편집이 없습니다. 시나리오 편집 도구 모음에서 도구를 고르세요.</translation>
    </message>
    <message>
        <source>Choose or make a scenario to edit the city.</source>
        <translation>도시를 편집하려면 시나리오를 고르거나 만드세요.</translation>
    </message>
    <message>
        <source>Undo: {edit}</source>
        <translation>실행 취소: {edit}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <source>Redo: {edit}</source>
        <translation>다시 실행: {edit}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>새 시나리오</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>새 시나리오의 이름:</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>시나리오 이름 바꾸기</translation>
    </message>
    <message>
        <source>New name of {scenario}:</source>
        <translation>{scenario}의 새 이름:</translation>
    </message>
    <message>
        <source>Delete scenario</source>
        <translation>시나리오 삭제</translation>
    </message>
    <message>
        <source>Delete the scenario {scenario}? Its edits ({count}) are lost; this cannot be undone.</source>
        <translation>시나리오 {scenario}을(를) 삭제할까요? 편집 {count}개가 사라지며 되돌릴 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>StoryPanel</name>
    <message>
        <source>The story has no viewpoint called &apos;{name}&apos;.</source>
        <translation>스토리에 &apos;{name}&apos;(이)라는 보기가 없습니다.</translation>
    </message>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <translation>먼저 프로젝트를 만들거나 여십시오(파일 → 새 프로젝트…).</translation>
    </message>
    <message>
        <source>A viewpoint needs a name; give one, such as &apos;The harbour&apos;.</source>
        <translation>보기에는 이름이 필요합니다. &apos;항구&apos;처럼 이름을 지정하십시오.</translation>
    </message>
    <message>
        <source>The story already has a viewpoint called &apos;{name}&apos;; choose another name.</source>
        <translation>스토리에 이미 &apos;{name}&apos;(이)라는 보기가 있습니다. 다른 이름을 고르십시오.</translation>
    </message>
    <message>
        <source>Open or start a project (File → New project…) to save views and play them as a story.</source>
        <translation>프로젝트를 열거나 만들면(파일 → 새 프로젝트…) 보기를 저장하고 스토리로 재생할 수 있습니다.</translation>
    </message>
    <message>
        <source>Double-click a view to fly there.</source>
        <translation>보기를 두 번 클릭하면 그곳으로 이동합니다.</translation>
    </message>
    <message>
        <source>What to say at this view</source>
        <translation>이 보기에서 할 말</translation>
    </message>
    <message>
        <source>Add view</source>
        <translation>보기 추가</translation>
    </message>
    <message>
        <source>Save the 3D view as it is now as the story&apos;s next step</source>
        <translation>현재 3D 보기를 스토리의 다음 단계로 저장합니다</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>이름 바꾸기</translation>
    </message>
    <message>
        <source>Give the chosen view another name</source>
        <translation>선택한 보기의 이름을 바꿉니다</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>위로</translation>
    </message>
    <message>
        <source>Show the chosen view earlier</source>
        <translation>선택한 보기를 더 앞에 보여 줍니다</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>아래로</translation>
    </message>
    <message>
        <source>Show the chosen view later</source>
        <translation>선택한 보기를 더 뒤에 보여 줍니다</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Remove the chosen view from the story</source>
        <translation>선택한 보기를 스토리에서 뺍니다</translation>
    </message>
    <message>
        <source>Fly there</source>
        <translation>이동하기</translation>
    </message>
    <message>
        <source>Fly the camera to the chosen view</source>
        <translation>카메라를 선택한 보기로 이동합니다</translation>
    </message>
    <message>
        <source>View {n}</source>
        <translation>보기 {n}</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>이 보기의 이름:</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>보기 이름 바꾸기</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <source>Story</source>
        <translation>스토리</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <source>by key</source>
        <translation>키로</translation>
    </message>
    <message>
        <source>by location</source>
        <translation>위치로</translation>
    </message>
    <message>
        <source>(every column of numbers)</source>
        <translation>(숫자로 된 모든 열)</translation>
    </message>
    <message>
        <source>(none: one value per feature)</source>
        <translation>(없음: 피처마다 값 하나)</translation>
    </message>
    <message>
        <source>refuse repeated keys</source>
        <translation>중복 키 거부</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>평균</translation>
    </message>
    <message>
        <source>Import table</source>
        <translation>표 가져오기</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>표</translation>
    </message>
    <message>
        <source>Tables (*.csv *.txt *.gpkg *.geojson *.json);;All files (*)</source>
        <translation>표 (*.csv *.txt *.gpkg *.geojson *.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>times carry their UTC offset (the city&apos;s zone is {zone})</source>
        <translation>시각에 UTC 오프셋이 포함됨(도시의 시간대: {zone})</translation>
    </message>
    <message>
        <source>times carry their UTC offset</source>
        <translation>시각에 UTC 오프셋이 포함됨</translation>
    </message>
    <message>
        <source>The IANA time zone (e.g. Europe/Helsinki) of times written without an offset.</source>
        <translation>오프셋 없이 적힌 시각의 IANA 시간대입니다(예: Europe/Helsinki).</translation>
    </message>
    <message>
        <source>Observation store</source>
        <translation>관측 저장소</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 파일 (*.gpkg)</translation>
    </message>
    <message>
        <source>Choose a table.</source>
        <translation>표를 선택하세요.</translation>
    </message>
    <message>
        <source>Table file</source>
        <translation>표 파일</translation>
    </message>
    <message>
        <source>Join to layer</source>
        <translation>결합할 레이어</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>결합 방식</translation>
    </message>
    <message>
        <source>Layer key column</source>
        <translation>레이어 키 열</translation>
    </message>
    <message>
        <source>Table key column</source>
        <translation>표 키 열</translation>
    </message>
    <message>
        <source>Value column</source>
        <translation>값 열</translation>
    </message>
    <message>
        <source>Rows sharing a key or feature</source>
        <translation>키나 피처가 같은 행</translation>
    </message>
    <message>
        <source>Time column</source>
        <translation>시각 열</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>시간대</translation>
    </message>
    <message>
        <source>Store time series in</source>
        <translation>시계열 저장 위치</translation>
    </message>
    <message>
        <source>{rows} rows will be placed in the features of &apos;{layer}&apos; by their coordinates.</source>
        <translation>{rows}개 행을 좌표에 따라 &apos;{layer}&apos;의 피처에 배치합니다.</translation>
    </message>
    <message>
        <source>Choose the key columns.</source>
        <translation>키 열을 선택하세요.</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched; {unmatched} key(s) of the table match none.</source>
        <translation>건물 {total}개 중 {matched}개가 일치합니다. 표의 키 {unmatched}개는 일치하는 건물이 없습니다.</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched.</source>
        <translation>건물 {total}개 중 {matched}개가 일치합니다.</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched; {unmatched} key(s) of the table match none.</source>
        <translation>피처 {total}개 중 {matched}개가 일치합니다. 표의 키 {unmatched}개는 일치하는 피처가 없습니다.</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched.</source>
        <translation>피처 {total}개 중 {matched}개가 일치합니다.</translation>
    </message>
    <message>
        <source>Choose a table file and the layer to join it to.</source>
        <translation>표 파일과 결합할 레이어를 선택하세요.</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>아직 준비되지 않았습니다</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then import the table.</source>
        <translation>도시를 다 불러올 때까지 기다린 뒤 표를 가져오세요.</translation>
    </message>
    <message>
        <source>The table could not be joined</source>
        <translation>표를 결합할 수 없습니다</translation>
    </message>
    <message>
        <source>Importing {table}</source>
        <translation>{table} 가져오는 중</translation>
    </message>
</context>
<context>
    <name>TableJoinWorker</name>
    <message>
        <source>Joining {table}…</source>
        <translation>{table} 결합 중…</translation>
    </message>
    <message>
        <source>The table &apos;{table}&apos; could not be joined</source>
        <translation>표 &apos;{table}&apos;을(를) 결합할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>TimeBar</name>
    <message>
        <source>&apos;{text}&apos; is not a time: type 17:30, 17:30:15 or 2022-02-22 17:30.</source>
        <translation>&apos;{text}&apos;은(는) 시각이 아닙니다. 17:30, 17:30:15 또는 2022-02-22 17:30처럼 입력하세요.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a time that exists: {reason}.</source>
        <translation>&apos;{text}&apos;은(는) 존재하지 않는 시각입니다: {reason}.</translation>
    </message>
    <message>
        <source>Replay speed (× real time)</source>
        <extracomment>the user moved the clock (play, pause, speed, jump, live): the window shows the new time at once</extracomment>
        <translation>재생 속도(실제 시간의 배수)</translation>
    </message>
    <message>
        <source>Drag to any moment the store holds</source>
        <translation>저장소에 있는 원하는 시점으로 끌어 옮기세요</translation>
    </message>
    <message>
        <source>jump to 17:30</source>
        <translation>17:30으로 이동</translation>
    </message>
    <message>
        <source>Type a time (17:30, or 2022-02-22 17:30) in the city&apos;s time zone, then Enter</source>
        <translation>도시 시간대 기준 시각(17:30 또는 2022-02-22 17:30)을 입력하고 Enter를 누르세요</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>실시간</translation>
    </message>
    <message>
        <source>Follow the newest data the feeds have stored</source>
        <translation>피드가 저장한 최신 데이터를 따라갑니다</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>여기서부터 재생</translation>
    </message>
</context>
<context>
    <name>TransitMode</name>
    <message>
        <source>Bus</source>
        <translation>버스</translation>
    </message>
    <message>
        <source>Tram</source>
        <translation>트램</translation>
    </message>
    <message>
        <source>Rail</source>
        <translation>철도</translation>
    </message>
    <message>
        <source>Metro</source>
        <translation>지하철</translation>
    </message>
    <message>
        <source>Ferry</source>
        <translation>페리</translation>
    </message>
</context>
<context>
    <name>Workshop</name>
    <message>
        <source>New &amp;project…</source>
        <extracomment>the chooser&apos;s entry for &quot;no scenario&quot;</extracomment>
        <translation>새 프로젝트(&amp;P)…</translation>
    </message>
    <message>
        <source>Open p&amp;roject…</source>
        <translation>프로젝트 열기(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>프로젝트 저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>다른 이름으로 프로젝트 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>워크숍</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>시나리오:</translation>
    </message>
    <message>
        <source>The scenario shown in 3D and edited; Baseline is the city as it is.</source>
        <translation>3D로 표시되고 편집되는 시나리오입니다. &apos;현재 상태&apos;는 도시의 지금 모습입니다.</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>현재 상태</translation>
    </message>
    <message>
        <source>New scenario…</source>
        <translation>새 시나리오…</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>{what} 실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>{what} 다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>twin_app project (*.twinproj.gpkg *.gpkg)</source>
        <translation>twin_app 프로젝트 (*.twinproj.gpkg *.gpkg)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>새 프로젝트</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>프로젝트 열기</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>다른 이름으로 프로젝트 저장</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>새 시나리오</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>새 시나리오 이름:</translation>
    </message>
</context>
<context>
    <name>WorkshopSession</name>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <extracomment>milliseconds between autosaves (a checkpoint of the journalled changes) after an edit, undo or redo of the active scenario, once the shown model is in sync the city&apos;s own layers, kept aside while a scenario shows its copies ids of the layers the scenario put in the shown model (copies, or layers it added)</extracomment>
        <translation>먼저 프로젝트를 시작하거나 여세요(파일 → 새 프로젝트…).</translation>
    </message>
    <message>
        <source>Open a city first; a project belongs to a city.</source>
        <translation>먼저 도시를 여세요. 프로젝트는 도시에 속합니다.</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>저장하지 않은 변경 사항을 복구할까요?</translation>
    </message>
    <message>
        <source>The project {name} has {count} changes made after it was last saved (the app did not close normally). Recover them? No drops them and opens the project as last saved.</source>
        <translation>프로젝트 {name}에 마지막 저장 이후의 변경 사항이 {count}개 있습니다(앱이 정상적으로 종료되지 않았습니다). 복구할까요? &apos;아니요&apos;를 누르면 변경 사항을 버리고 마지막으로 저장한 상태로 프로젝트를 엽니다.</translation>
    </message>
    <message>
        <source>The project could not be saved: {why}</source>
        <translation>프로젝트를 저장할 수 없습니다: {why}</translation>
    </message>
    <message>
        <source>The baseline is never changed: choose or create a scenario to edit.</source>
        <translation>현재 상태는 절대 바뀌지 않습니다. 편집할 시나리오를 선택하거나 새로 만드세요.</translation>
    </message>
    <message>
        <source>Open a city first; a viewpoint is a view of it.</source>
        <translation>먼저 도시를 여세요. 시점은 도시를 바라보는 보기입니다.</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>프로젝트</translation>
    </message>
</context>
</TS>
