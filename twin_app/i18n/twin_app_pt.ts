<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt">
<context>
    <name>AnalysisWorker</name>
    <message>
        <source>The analysis stopped because of an unexpected error ({error}).</source>
        <translation>A análise parou devido a um erro inesperado ({error}).</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Run an analysis to see results</source>
        <translation>Execute uma análise para ver os resultados</translation>
    </message>
</context>
<context>
    <name>BuildingDialog</name>
    <message>
        <source>Building {key}</source>
        <translation>Edifício {key}</translation>
    </message>
    <message>
        <source>Now {height} m tall, used as: {use}.</source>
        <translation>Tem agora {height} m de altura; uso: {use}.</translation>
    </message>
    <message>
        <source>Height unknown, used as: {use}.</source>
        <translation>Altura desconhecida; uso: {use}.</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Altura</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Uso</translation>
    </message>
</context>
<context>
    <name>CompareViews</name>
    <message>
        <source>Compare side by side</source>
        <translation>Comparar lado a lado</translation>
    </message>
    <message>
        <source>The baseline in a second view beside the scenario, cameras linked</source>
        <translation>A situação atual numa segunda vista ao lado do cenário, com as câmaras ligadas</translation>
    </message>
    <message>
        <source>Swipe baseline and scenario</source>
        <translation>Deslizar entre situação atual e cenário</translation>
    </message>
    <message>
        <source>One picture: the baseline left of a divider you drag, the scenario right of it</source>
        <translation>Uma só imagem: a situação atual à esquerda de um divisor que se arrasta, o cenário à direita</translation>
    </message>
    <message>
        <source>Open a city first, then compare.</source>
        <translation>Abra primeiro uma cidade e depois compare.</translation>
    </message>
    <message>
        <source>Scenario: {name}</source>
        <translation>Cenário: {name}</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Cenário</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situação atual</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Scenario comparison</source>
        <translation>Comparação de cenários</translation>
    </message>
</context>
<context>
    <name>ComparisonPanel</name>
    <message>
        <source>Run an analysis, then choose or edit a scenario to compare it.</source>
        <translation>Execute uma análise e depois escolha ou edite um cenário para o comparar.</translation>
    </message>
    <message>
        <source>Show the change in 3D</source>
        <translation>Mostrar a alteração em 3D</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Bairro</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situação atual</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Cenário</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Alteração</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Tendência</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicador</translation>
    </message>
    <message>
        <source>The baseline is shown: choose or create a scenario to compare.</source>
        <translation>Mostra-se a situação atual: escolha ou crie um cenário para comparar.</translation>
    </message>
    <message>
        <source>Scenario “{scenario}” against the baseline</source>
        <translation>Cenário «{scenario}» face à situação atual</translation>
    </message>
    <message>
        <source>percentage points</source>
        <translation>pontos percentuais</translation>
    </message>
    <message>
        <source>Changes are in {unit}.</source>
        <translation>As alterações estão em {unit}.</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>Cidade inteira</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>sem valor</translation>
    </message>
    <message>
        <source>▲ up</source>
        <translation>▲ sobe</translation>
    </message>
    <message>
        <source>▼ down</source>
        <translation>▼ desce</translation>
    </message>
    <message>
        <source>▲ better</source>
        <translation>▲ melhor</translation>
    </message>
    <message>
        <source>▲ worse</source>
        <translation>▲ pior</translation>
    </message>
    <message>
        <source>▼ better</source>
        <translation>▼ melhor</translation>
    </message>
    <message>
        <source>▼ worse</source>
        <translation>▼ pior</translation>
    </message>
    <message>
        <source>= no change</source>
        <translation>= inalterado</translation>
    </message>
</context>
<context>
    <name>ComparisonSession</name>
    <message>
        <source>Updating the indicators</source>
        <translation>A atualizar os indicadores</translation>
    </message>
    <message>
        <source>Scenario comparison</source>
        <translation>Comparação de cenários</translation>
    </message>
    <message>
        <source>Change in {indicator}</source>
        <translation>Alteração em: {indicator}</translation>
    </message>
</context>
<context>
    <name>ConnectFeedDialog</name>
    <message>
        <source>Connect feed</source>
        <translation>Ligar fluxo de dados</translation>
    </message>
    <message>
        <source>{title} ({schemes}; built-in)</source>
        <translation>{title} ({schemes}; incorporada)</translation>
    </message>
    <message>
        <source>{title} ({schemes}; from {package})</source>
        <translation>{title} ({schemes}; de {package})</translation>
    </message>
    <message>
        <source>{title} ({schemes}; plugin)</source>
        <translation>{title} ({schemes}; extensão)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <source>shown in the feed panel and the layer list</source>
        <translation>mostrado no painel de fluxos e na lista de camadas</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Ligar</translation>
    </message>
    <message>
        <source>Give the feed&apos;s address, such as {example}.</source>
        <translation>Indique o endereço do fluxo, por exemplo {example}.</translation>
    </message>
</context>
<context>
    <name>ControlBar</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Anterior</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Seguinte ▶</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Sair</translation>
    </message>
</context>
<context>
    <name>DistrictPanel</name>
    <message>
        <source>All selected</source>
        <extracomment>the row of the whole selection (English source, as a district key; shown translated)</extracomment>
        <translation>Toda a seleção</translation>
    </message>
    <message>
        <source>Districts (none ticked = all)</source>
        <translation>Bairros (nenhum assinalado = todos)</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Gráfico</translation>
    </message>
    <message>
        <source>Provenance…</source>
        <translation>Proveniência…</translation>
    </message>
    <message>
        <source>No analysis run yet.</source>
        <translation>Ainda não foi executada nenhuma análise.</translation>
    </message>
    <message>
        <source>{definition}
(key: {key})</source>
        <translation>{definition}
(chave: {key})</translation>
    </message>
</context>
<context>
    <name>EditTools</name>
    <message>
        <source>Add stop</source>
        <extracomment>the marker following the mouse moves at most this often (milliseconds) a click within this many pixels of a street, stop or tree finds it even when that is many metres an edit was handed to the workshop (accepted or refused): the tool&apos;s name a marker follows the mouse where a click would put a stop; None: decided by the OpenGL (off on a software one, where each redraw takes about a second)</extracomment>
        <translation>Adicionar paragem</translation>
    </message>
    <message>
        <source>Click near a street: a new stop is placed on it</source>
        <translation>Clique perto de uma rua: é colocada nela uma nova paragem</translation>
    </message>
    <message>
        <source>Move stop</source>
        <translation>Mover paragem</translation>
    </message>
    <message>
        <source>Click a stop, then its new place on a street</source>
        <translation>Clique numa paragem e depois no seu novo lugar numa rua</translation>
    </message>
    <message>
        <source>Remove stop</source>
        <translation>Remover paragem</translation>
    </message>
    <message>
        <source>Click a stop to remove it</source>
        <translation>Clique numa paragem para a remover</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Adicionar linha</translation>
    </message>
    <message>
        <source>Click stops or street points in order; double-click or Enter finishes, Esc cancels</source>
        <translation>Clique por ordem em paragens ou pontos de rua; duplo clique ou Enter termina, Esc cancela</translation>
    </message>
    <message>
        <source>Add trees</source>
        <translation>Adicionar árvores</translation>
    </message>
    <message>
        <source>Each click plants a tree</source>
        <translation>Cada clique planta uma árvore</translation>
    </message>
    <message>
        <source>Remove trees</source>
        <translation>Remover árvores</translation>
    </message>
    <message>
        <source>Click a tree to remove it</source>
        <translation>Clique numa árvore para a remover</translation>
    </message>
    <message>
        <source>Draw green area</source>
        <translation>Desenhar zona verde</translation>
    </message>
    <message>
        <source>Click the corners of a park; double-click or Enter closes it, Esc cancels</source>
        <translation>Clique nos cantos de um parque; duplo clique ou Enter fecha-o, Esc cancela</translation>
    </message>
    <message>
        <source>Remove green area</source>
        <translation>Remover zona verde</translation>
    </message>
    <message>
        <source>Click a park or green area to remove it</source>
        <translation>Clique num parque ou zona verde para o remover</translation>
    </message>
    <message>
        <source>Building height / use</source>
        <translation>Altura / uso do edifício</translation>
    </message>
    <message>
        <source>Click a building to change its height or use</source>
        <translation>Clique num edifício para mudar a sua altura ou o seu uso</translation>
    </message>
    <message>
        <source>Car-free street</source>
        <translation>Rua sem carros</translation>
    </message>
    <message>
        <source>Click a street to make it car-free</source>
        <translation>Clique numa rua para a fechar aos carros</translation>
    </message>
    <message>
        <source>Edit scenario</source>
        <translation>Editar cenário</translation>
    </message>
    <message>
        <source>New stops:</source>
        <translation>Novas paragens:</translation>
    </message>
    <message>
        <source>The mode of the stops the Add stop tool places</source>
        <translation>O modo de transporte das paragens que a ferramenta Adicionar paragem coloca</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <source>Finish the line or the green area being drawn (Enter)</source>
        <translation>Terminar a linha ou a zona verde que está a ser desenhada (Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Drop what is being drawn (Esc)</source>
        <translation>Descartar o que está a ser desenhado (Esc)</translation>
    </message>
    <message>
        <source>Click on the city, not the sky.</source>
        <translation>Clique na cidade, não no céu.</translation>
    </message>
    <message>
        <source>Done: {what}. Undo with Ctrl+Z.</source>
        <translation>Feito: {what}. Desfaça com Ctrl+Z.</translation>
    </message>
    <message>
        <source>No street within {metres} m of the click; click nearer a street.</source>
        <translation>Não há nenhuma rua a menos de {metres} m do clique; clique mais perto de uma rua.</translation>
    </message>
    <message>
        <source>No stop there; click on a stop.</source>
        <translation>Não há nenhuma paragem aí; clique numa paragem.</translation>
    </message>
    <message>
        <source>New stop {number}</source>
        <translation>Nova paragem {number}</translation>
    </message>
    <message>
        <source>Now click the new place of the stop {stop}.</source>
        <translation>Agora clique no novo lugar da paragem {stop}.</translation>
    </message>
    <message>
        <source>{count} stops so far; double-click or press Enter to finish.</source>
        <translation>Paragens até agora: {count}; faça duplo clique ou prima Enter para terminar.</translation>
    </message>
    <message>
        <source>A line needs at least two stops; click another one.</source>
        <translation>Uma linha precisa de pelo menos duas paragens; clique noutra.</translation>
    </message>
    <message>
        <source>New line {number}</source>
        <translation>Nova linha {number}</translation>
    </message>
    <message>
        <source>No tree there; click on a tree.</source>
        <translation>Não há nenhuma árvore aí; clique numa árvore.</translation>
    </message>
    <message>
        <source>{count} corners so far; double-click or press Enter to close the area.</source>
        <translation>Cantos até agora: {count}; faça duplo clique ou prima Enter para fechar a zona.</translation>
    </message>
    <message>
        <source>A green area needs at least three corners; click another one.</source>
        <translation>Uma zona verde precisa de pelo menos três cantos; clique noutro.</translation>
    </message>
    <message>
        <source>This outline crosses itself or encloses nothing, so it cannot be a green area; press Esc and draw it again without crossing lines.</source>
        <translation>Este contorno cruza-se a si próprio ou não delimita nada, por isso não pode ser uma zona verde; prima Esc e desenhe-o de novo sem cruzar linhas.</translation>
    </message>
    <message>
        <source>New green area</source>
        <translation>Nova zona verde</translation>
    </message>
    <message>
        <source>No park or green area there; click inside one.</source>
        <translation>Não há nenhum parque nem zona verde aí; clique dentro de um.</translation>
    </message>
    <message>
        <source>No building there; click on a building.</source>
        <translation>Não há nenhum edifício aí; clique num edifício.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>1280×720 (HD)</source>
        <extracomment>the sizes offered besides the view&apos;s own (the largest is the export limit)</extracomment>
        <translation>1280×720 (alta definição)</translation>
    </message>
    <message>
        <source>1920×1080 (Full HD, slides)</source>
        <translation>1920×1080 (Full HD, diapositivos)</translation>
    </message>
    <message>
        <source>3840×2160 (4K, posters)</source>
        <translation>3840×2160 (4K, cartazes)</translation>
    </message>
    <message>
        <source>As the view ({width}×{height})</source>
        <translation>Como a vista ({width}×{height})</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Exportar vista</translation>
    </message>
    <message>
        <source>Image size (text scales with it):</source>
        <translation>Tamanho da imagem (o texto acompanha-o):</translation>
    </message>
</context>
<context>
    <name>ExportPinsDialog</name>
    <message>
        <source>Export feedback pins</source>
        <translation>Exportar os marcadores de opinião</translation>
    </message>
    <message>
        <source>The {count} pins listed are exported. The file&apos;s ending chooses its format: .gpkg (GeoPackage), .geojson (GeoJSON) or .csv (a table).</source>
        <translation>São exportados os {count} marcadores da lista. A terminação do ficheiro escolhe o formato: .gpkg (GeoPackage), .geojson (GeoJSON) ou .csv (uma tabela).</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>Include residents&apos; names</source>
        <translation>Incluir os nomes dos moradores</translation>
    </message>
    <message>
        <source>Names are personal data: export them only where residents agreed.</source>
        <translation>Os nomes são dados pessoais: exporte-os apenas se os moradores concordaram.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>Ficheiro GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>Ficheiro GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Tabela CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>FeedPanel</name>
    <message>
        <source>Feed</source>
        <extracomment>at most this often (ms): twice a second reads as live and costs nothing under a flood a rate worked out from counts is averaged over this many seconds (feeds deliver in bursts) the columns, by their English names (``row_texts``&apos; keys); the headers show them translated</extracomment>
        <translation>Fluxo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation>msg/s</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Guardados</translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation>Malformados</translation>
    </message>
    <message>
        <source>connecting</source>
        <extracomment>what ``row_texts`` calls the line under a feed&apos;s row that shows its last error each state as the panel says it</extracomment>
        <translation>a ligar</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>ligado</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>a religar</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>parado</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <source>{title}
source: {source}
stored as: {id}</source>
        <translation>{title}
origem: {source}
guardado como: {id}</translation>
    </message>
    <message>
        <source>Simulated: {statement}</source>
        <extracomment>each feed&apos;s (monotonic time, messages received) over the last RATE_WINDOW_S (for a rate)</extracomment>
        <translation>Simulado: {statement}</translation>
    </message>
    <message>
        <source>Malformed messages: {count}. For example:
{samples}</source>
        <translation>Mensagens malformadas: {count}. Por exemplo:
{samples}</translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>Último erro: {error}</translation>
    </message>
</context>
<context>
    <name>FeedbackDock</name>
    <message>
        <source>Feedback</source>
        <translation>Opiniões</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <source>Feedback pins are kept in a project. Start one with File → New project… (or open one), then drop pins on the map.</source>
        <translation>Os marcadores de opinião são guardados num projeto. Crie um com Ficheiro → Novo projeto… (ou abra um) e depois coloque marcadores no mapa.</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Novo projeto…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Todos os tipos</translation>
    </message>
    <message>
        <source>Active scenario</source>
        <translation>Cenário ativo</translation>
    </message>
    <message>
        <source>All scenarios</source>
        <translation>Todos os cenários</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentário</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Cenário</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Mover</translation>
    </message>
    <message>
        <source>Then click the pin&apos;s new place in the 3D view</source>
        <translation>Depois clique no novo lugar do marcador na vista 3D</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>Ideia</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>Gosto</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind}: {count} marcadores</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situação atual</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
</context>
<context>
    <name>ImportWorker</name>
    <message>
        <source>Building the city &apos;{name}&apos;…</source>
        <translation>A criar a cidade «{name}»…</translation>
    </message>
    <message>
        <source>The city &apos;{name}&apos; could not be built</source>
        <translation>Não foi possível criar a cidade «{name}»</translation>
    </message>
</context>
<context>
    <name>InfoPanel</name>
    <message>
        <source>Attribute</source>
        <translation>Atributo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <extracomment>(level, source, text) for the messages panel</extracomment>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop the running job (and drop the waiting ones)</source>
        <translation>Parar a tarefa em curso (e descartar as que estão em espera)</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Cancelling {job}…</source>
        <translation>A cancelar {job}…</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Tarefas</translation>
    </message>
    <message>
        <source>Waiting jobs dropped: {count}.</source>
        <translation>Tarefas em espera descartadas: {count}.</translation>
    </message>
    <message>
        <source>{job} (+{count} waiting)</source>
        <translation>{job} (+{count} em espera)</translation>
    </message>
    <message>
        <source>Running: {job}</source>
        <translation>Em curso: {job}</translation>
    </message>
    <message>
        <source>Waiting: {job}</source>
        <translation>Em espera: {job}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>No installed font has the letters of {language}, so its text may show as empty boxes. Install a CJK font (on Debian or Ubuntu: sudo apt-get install fonts-noto-cjk), then start twin_app again.</source>
        <extracomment>the compiled Qt translations of twin_app&apos;s own texts where the chosen language is kept between runs (QSettings organisation, application, key) the writing system each language needs a font for (Latin ones are in every font) Qt&apos;s locale for each code (the one whose ``qtbase_*.qm`` and number formats fit) the dynamic property on which :func:`keep_translated` keeps a widget&apos;s source texts Qt ships some of its own translations only for one country&apos;s variant</extracomment>
        <translation>Nenhum tipo de letra instalado tem os caracteres de {language}, por isso o texto pode aparecer como quadrados vazios. Instale um tipo de letra CJK (em Debian ou Ubuntu: sudo apt-get install fonts-noto-cjk) e volte a iniciar o twin_app.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>(single colour)</source>
        <extracomment>the colour-by choice that means &quot;no column&quot; (English source; shown translated)</extracomment>
        <translation>(cor única)</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Camada</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Elementos</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacidade</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>Colorir por</translation>
    </message>
</context>
<context>
    <name>LegendDock</name>
    <message>
        <source>Legend</source>
        <translation>Legenda</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <source>What the colours on the map mean</source>
        <extracomment>the dock keeps at least this height (pixels) for its first entry</extracomment>
        <translation>O que significam as cores do mapa</translation>
    </message>
    <message>
        <source>No coloured layer is shown.</source>
        <translation>Não é mostrada nenhuma camada colorida.</translation>
    </message>
</context>
<context>
    <name>LineDialog</name>
    <message>
        <source>New line</source>
        <extracomment>the transit modes a new stop or line may have (the names ``timetable.mode_name`` gives GTFS routes) building uses offered first (any other OSM ``building`` value can be typed)</extracomment>
        <translation>Nova linha</translation>
    </message>
    <message>
        <source>A line through {count} stops.</source>
        <translation>Uma linha que passa por {count} paragens.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source> per hour</source>
        <translation> por hora</translation>
    </message>
    <message>
        <source>Departures each way</source>
        <translation>Partidas em cada sentido</translation>
    </message>
</context>
<context>
    <name>LiveSession</name>
    <message>
        <source>{station} reads {reading} at {time}: beyond {rule}.</source>
        <extracomment>tests and portable installs put the live stores here instead of the user&apos;s data folder how far behind the newest observation live mode shows (s): two fixes of a 1 Hz feed and some slack the feed panel is refreshed this often (s), by the frame timer: at most twice a second the span the slider covers is read again this often (s): it grows as the feeds store more extra references to None, topped up while the live timer runs (see :func:`keep_none_alive`) the duration of the last frames&apos; work on the clock and playback (s) the duration of the last redraws of the view (s), whatever asked for them</extracomment>
        <translation>{station} indica {reading} às {time}: além de {rule}.</translation>
    </message>
    <message>
        <source>{station} reads {reading} at {time}: beyond its threshold.</source>
        <translation>{station} indica {reading} às {time}: acima do seu limiar.</translation>
    </message>
</context>
<context>
    <name>LoadWorker</name>
    <message>
        <source>Opening {file}…</source>
        <translation>A abrir {file}…</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; could not be opened</source>
        <translation>Não foi possível abrir «{path}»</translation>
    </message>
    <message>
        <source>Loading the city &apos;{city}&apos; stopped</source>
        <translation>O carregamento da cidade «{city}» parou</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Preparing the 3D view…</source>
        <extracomment>while a city loads, redraw at most this often (a small city is drawn once, at the end) the city&apos;s layers have all been loaded (a scenario is shown on them only then) the raw parameters each analysis was last run with in this window (the report uses them)</extracomment>
        <translation>A preparar a vista 3D…</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Camadas</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>Elemento</translation>
    </message>
    <message>
        <source>Districts and results</source>
        <translation>Bairros e resultados</translation>
    </message>
    <message>
        <source>Data sources</source>
        <translation>Fontes de dados</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>click tools added by panels (pins, scenario editing): action → handler(x, y)</extracomment>
        <translation>&amp;Ficheiro</translation>
    </message>
    <message>
        <source>Open &amp;city…</source>
        <translation>Abrir &amp;cidade…</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>&amp;Abrir ficheiro…</translation>
    </message>
    <message>
        <source>&amp;New city from files…</source>
        <translation>&amp;Nova cidade a partir de ficheiros…</translation>
    </message>
    <message>
        <source>Import &amp;table…</source>
        <translation>Importar &amp;tabela…</translation>
    </message>
    <message>
        <source>Connect &amp;feed…</source>
        <translation>Ligar &amp;fluxo de dados…</translation>
    </message>
    <message>
        <source>&amp;Export view as PNG…</source>
        <translation>&amp;Exportar vista como PNG…</translation>
    </message>
    <message>
        <source>Export scene as &amp;glTF…</source>
        <translation>Exportar cena como &amp;glTF…</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>&amp;Relatório…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Analyses</source>
        <translation>&amp;Análises</translation>
    </message>
    <message>
        <source>{name} (could not be loaded)</source>
        <translation>{name} (não foi possível carregar)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>Data sources and licences</source>
        <translation>Fontes de dados e licenças</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Vista</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>Frame the whole city again (Home, H or R in the 3D view)</source>
        <translation>Voltar a enquadrar toda a cidade (Home, H ou R na vista 3D)</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>Captura de ecrã</translation>
    </message>
    <message>
        <source>Save the 3D view as a PNG image</source>
        <translation>Guardar a vista 3D como imagem PNG</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>Identificar</translation>
    </message>
    <message>
        <source>Click a feature to see its attributes and results</source>
        <translation>Clique num elemento para ver os seus atributos e resultados</translation>
    </message>
    <message>
        <source>Select districts</source>
        <translation>Selecionar bairros</translation>
    </message>
    <message>
        <source>While on, clicking in the 3D view ticks or unticks a district.</source>
        <translation>Enquanto ativo, clicar na vista 3D assinala ou desassinala um bairro.</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Medir</translation>
    </message>
    <message>
        <source>Click two or more points to measure the distance along them on the map; Esc clears</source>
        <translation>Clique em dois ou mais pontos para medir a distância ao longo deles no mapa; Esc limpa</translation>
    </message>
    <message>
        <source>Click on the city to measure.</source>
        <translation>Clique na cidade para medir.</translation>
    </message>
    <message>
        <source>Measure: click the next point (Esc clears).</source>
        <translation>Medir: clique no ponto seguinte (Esc limpa).</translation>
    </message>
    <message>
        <source>Distance on the map: {distance} (Esc clears)</source>
        <translation>Distância no mapa: {distance} (Esc limpa)</translation>
    </message>
    <message>
        <source>Measurement cleared.</source>
        <translation>Medição limpa.</translation>
    </message>
    <message>
        <source>Starting the 3D view…</source>
        <translation>A iniciar a vista 3D…</translation>
    </message>
    <message>
        <source>Districts: {names}</source>
        <translation>Bairros: {names}</translation>
    </message>
    <message>
        <source>Districts: all</source>
        <translation>Bairros: todos</translation>
    </message>
    <message>
        <source>Nothing to identify there.</source>
        <translation>Não há nada para identificar aí.</translation>
    </message>
    <message>
        <source>{layer}: feature {feature}</source>
        <translation>{layer}: elemento {feature}</translation>
    </message>
    <message>
        <source>The city could not be opened</source>
        <translation>Não foi possível abrir a cidade</translation>
    </message>
    <message>
        <source>Loading {city}</source>
        <translation>A carregar {city}</translation>
    </message>
    <message>
        <source>Opening {files}</source>
        <translation>A abrir {files}</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>Ainda não está pronto</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then run the analysis.</source>
        <translation>Aguarde até a cidade terminar de carregar e depois execute a análise.</translation>
    </message>
    <message>
        <source>The analysis is not available</source>
        <translation>A análise não está disponível</translation>
    </message>
    <message>
        <source>Analysis {name}</source>
        <translation>Análise {name}</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Análise</translation>
    </message>
    <message>
        <source>The analysis could not finish</source>
        <translation>A análise não conseguiu terminar</translation>
    </message>
    <message>
        <source>Analysis cancelled.</source>
        <translation>Análise cancelada.</translation>
    </message>
    <message>
        <source>Analysis finished.</source>
        <translation>Análise concluída.</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>Carregamento cancelado.</translation>
    </message>
    <message>
        <source>Ready. Layers: {count}.</source>
        <translation>Pronto. Camadas: {count}.</translation>
    </message>
    <message>
        <source>Some data could not be loaded</source>
        <translation>Não foi possível carregar alguns dados</translation>
    </message>
    <message>
        <source>Open a city folder (with city.toml)</source>
        <translation>Abrir uma pasta de cidade (com city.toml)</translation>
    </message>
    <message>
        <source>Open data files</source>
        <translation>Abrir ficheiros de dados</translation>
    </message>
    <message>
        <source>Data ({patterns});;All files (*)</source>
        <translation>Dados ({patterns});;Todos os ficheiros (*)</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>Fluxos de dados</translation>
    </message>
    <message>
        <source>This window cannot start feeds yet; ingest it with &apos;twin-app feed ingest&apos;.</source>
        <translation>Esta janela ainda não consegue iniciar fluxos; importe-o com «twin-app feed ingest».</translation>
    </message>
    <message>
        <source>Building the city {name}</source>
        <translation>A criar a cidade {name}</translation>
    </message>
    <message>
        <source>New city</source>
        <translation>Nova cidade</translation>
    </message>
    <message>
        <source>The city could not be created</source>
        <translation>Não foi possível criar a cidade</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Exportar vista</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagem PNG (*.png)</translation>
    </message>
    <message>
        <source>The view could not be exported</source>
        <translation>Não foi possível exportar a vista</translation>
    </message>
    <message>
        <source>There is no view to export yet: open a city first.</source>
        <translation>Ainda não há nenhuma vista para exportar: abra primeiro uma cidade.</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Guardado: {path}</translation>
    </message>
    <message>
        <source>Export scene</source>
        <translation>Exportar cena</translation>
    </message>
    <message>
        <source>Binary glTF (*.glb)</source>
        <translation>glTF binário (*.glb)</translation>
    </message>
    <message>
        <source>The scene could not be exported</source>
        <translation>Não foi possível exportar a cena</translation>
    </message>
    <message>
        <source>The scene was saved to {path}.</source>
        <translation>A cena foi guardada em {path}.</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then make the report.</source>
        <translation>Aguarde até a cidade terminar de carregar e depois crie o relatório.</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Relatório</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The report was saved to {path}.</source>
        <translation>O relatório foi guardado em {path}.</translation>
    </message>
    <message>
        <source>The report could not be made</source>
        <translation>Não foi possível criar o relatório</translation>
    </message>
    <message>
        <source>No city is open.</source>
        <translation>Não há nenhuma cidade aberta.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Ficheiros</translation>
    </message>
    <message>
        <source>source and licence not stated: see the file&apos;s own notes</source>
        <translation>origem e licença não indicadas: consulte as notas do próprio ficheiro</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licenças</translation>
    </message>
    <message>
        <source>Live feeds</source>
        <translation>Fluxos em direto</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>No city is open</source>
        <translation>Não há nenhuma cidade aberta</translation>
    </message>
    <message>
        <source>Open a city first, then connect the feed to it.</source>
        <translation>Abra primeiro uma cidade e depois ligue-lhe o fluxo.</translation>
    </message>
    <message>
        <source>The feed {name} could not start: {reason}</source>
        <translation>Não foi possível iniciar o fluxo {name}: {reason}</translation>
    </message>
    <message>
        <source>Simulated data shown, not real-time: {feeds}</source>
        <translation>São mostrados dados simulados, não em tempo real: {feeds}</translation>
    </message>
</context>
<context>
    <name>NewCityDialog</name>
    <message>
        <source>New city from files</source>
        <translation>Nova cidade a partir de ficheiros</translation>
    </message>
    <message>
        <source>Vector files (*.gpkg *.geojson *.shp *.fgb)</source>
        <translation>Ficheiros vetoriais (*.gpkg *.geojson *.shp *.fgb)</translation>
    </message>
    <message>
        <source>OpenStreetMap extract</source>
        <translation>Extrato do OpenStreetMap</translation>
    </message>
    <message>
        <source>OSM (*.osm *.osm.bz2 *.osm.pbf *.pbf)</source>
        <translation>Dados OSM (*.osm *.osm.bz2 *.osm.pbf *.pbf)</translation>
    </message>
    <message>
        <source>GTFS feed</source>
        <translation>Dados GTFS</translation>
    </message>
    <message>
        <source>GTFS (*.zip)</source>
        <translation>Dados GTFS (*.zip)</translation>
    </message>
    <message>
        <source>Population grid</source>
        <translation>Grelha de população</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>Bairros</translation>
    </message>
    <message>
        <source>The column of the districts file that holds their names.</source>
        <translation>A coluna do ficheiro de bairros que contém os respetivos nomes.</translation>
    </message>
    <message>
        <source>chosen from the OSM file</source>
        <translation>escolhido a partir do ficheiro OSM</translation>
    </message>
    <message>
        <source>Without a districts file: the OSM admin_level of the districts.</source>
        <translation>Sem ficheiro de bairros: o admin_level OSM dos bairros.</translation>
    </message>
    <message>
        <source>Raster (e.g. heat)</source>
        <translation>Raster (p. ex. calor)</translation>
    </message>
    <message>
        <source>Raster (*.tif *.tiff)</source>
        <translation>Imagens raster (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>as the raster states (e.g. °C)</source>
        <translation>conforme indicado no raster (p. ex. °C)</translation>
    </message>
    <message>
        <source>© OpenStreetMap contributors (ODbL)</source>
        <extracomment>a credit per given file; empty means &quot;what the file itself says&quot;</extracomment>
        <translation>© contribuidores do OpenStreetMap (ODbL)</translation>
    </message>
    <message>
        <source>as the file states, if it does</source>
        <translation>o que o ficheiro indicar, se o fizer</translation>
    </message>
    <message>
        <source>by building type (docs/buildings.md)</source>
        <translation>conforme o tipo de edifício (docs/buildings.md)</translation>
    </message>
    <message>
        <source>Parent folder</source>
        <translation>Pasta principal</translation>
    </message>
    <message>
        <source>credit</source>
        <translation>crédito</translation>
    </message>
    <message>
        <source>City name</source>
        <translation>Nome da cidade</translation>
    </message>
    <message>
        <source>OSM file (required)</source>
        <translation>Ficheiro OSM (obrigatório)</translation>
    </message>
    <message>
        <source>District name column</source>
        <translation>Coluna do nome do bairro</translation>
    </message>
    <message>
        <source>District admin level</source>
        <translation>Nível administrativo dos bairros</translation>
    </message>
    <message>
        <source>Raster</source>
        <translation>Raster</translation>
    </message>
    <message>
        <source>Raster label</source>
        <translation>Rótulo do raster</translation>
    </message>
    <message>
        <source>Raster units</source>
        <translation>Unidades do raster</translation>
    </message>
    <message>
        <source>Storey height (m)</source>
        <translation>Altura do piso (m)</translation>
    </message>
    <message>
        <source>Default building height (m)</source>
        <translation>Altura predefinida dos edifícios (m)</translation>
    </message>
    <message>
        <source>Save in</source>
        <translation>Guardar em</translation>
    </message>
    <message>
        <source>The storey height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>A altura do piso deve ser um número de metros, como 3 ou 2,8, e não «{text}».</translation>
    </message>
    <message>
        <source>The default building height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>A altura predefinida dos edifícios deve ser um número de metros, como 3 ou 2,8, e não «{text}».</translation>
    </message>
</context>
<context>
    <name>ParamDialog</name>
    <message>
        <source>Run</source>
        <translation>Executar</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>Tick districts to analyse; none ticked means all.</source>
        <translation>Assinale os bairros a analisar; se nenhum for assinalado, são analisados todos.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Drop a feedback pin</source>
        <extracomment>the list&apos;s columns what a filter combo holds for &quot;every category&quot; / &quot;every scenario&quot;</extracomment>
        <translation>Colocar um marcador de opinião</translation>
    </message>
    <message>
        <source>What kind of remark is it?</source>
        <translation>Que tipo de observação é?</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>Ideia</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>I like this</source>
        <translation>Gosto disto</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentário</translation>
    </message>
    <message>
        <source>What the resident said, in a few words</source>
        <translation>O que o morador disse, em poucas palavras</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>Nome (opcional)</translation>
    </message>
    <message>
        <source>Only if the resident wants to give it</source>
        <translation>Só se o morador o quiser dar</translation>
    </message>
    <message>
        <source>Drop pin</source>
        <translation>Colocar marcador</translation>
    </message>
    <message>
        <source>{count} of {limit} characters</source>
        <translation>{count} de {limit} carateres</translation>
    </message>
</context>
<context>
    <name>PinsController</name>
    <message>
        <source>Drop pin</source>
        <extracomment>the dialogs open now (tests drive them)</extracomment>
        <translation>Colocar marcador</translation>
    </message>
    <message>
        <source>Click in the 3D view where a resident points, then say what they said</source>
        <translation>Clique na vista 3D onde um morador aponta e registe o que disse</translation>
    </message>
    <message>
        <source>Move pin</source>
        <translation>Mover marcador</translation>
    </message>
    <message>
        <source>Click the selected pin&apos;s new place in the 3D view</source>
        <translation>Clique no novo lugar do marcador selecionado na vista 3D</translation>
    </message>
    <message>
        <source>Start a project first (File → New project…): pins are kept in it.</source>
        <translation>Crie primeiro um projeto (Ficheiro → Novo projeto…): os marcadores são guardados nele.</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to drop a pin.</source>
        <translation>Clique na cidade, não no céu, para colocar um marcador.</translation>
    </message>
    <message>
        <source>Pin {number} dropped and saved in the project.</source>
        <translation>Marcador {number} colocado e guardado no projeto.</translation>
    </message>
    <message>
        <source>Pin {number}: {comment}</source>
        <translation>Marcador {number}: {comment}</translation>
    </message>
    <message>
        <source>Click the pin&apos;s new place in the 3D view.</source>
        <translation>Clique no novo lugar do marcador na vista 3D.</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to move the pin.</source>
        <translation>Clique na cidade, não no céu, para mover o marcador.</translation>
    </message>
    <message>
        <source>Pin {number} moved.</source>
        <translation>Marcador {number} movido.</translation>
    </message>
    <message>
        <source>Delete the pin?</source>
        <translation>Eliminar o marcador?</translation>
    </message>
    <message>
        <source>Delete pin {number} (“{comment}”)? This cannot be undone.</source>
        <translation>Eliminar o marcador {number} («{comment}»)? Não é possível anular.</translation>
    </message>
    <message>
        <source>Pin {number} deleted.</source>
        <translation>Marcador {number} eliminado.</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Opiniões</translation>
    </message>
    <message>
        <source>The pins could not be exported</source>
        <translation>Não foi possível exportar os marcadores</translation>
    </message>
    <message>
        <source>The pins were saved to {path}.</source>
        <translation>Os marcadores foram guardados em {path}.</translation>
    </message>
</context>
<context>
    <name>PinsLegend</name>
    <message>
        <source>Idea</source>
        <translation>Ideia</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>Gosto</translation>
    </message>
    <message>
        <source>Feedback pins</source>
        <translation>Marcadores de opinião</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind}: {count} marcadores</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Presentation</source>
        <translation>Apresentação</translation>
    </message>
    <message>
        <source>No story yet</source>
        <translation>Ainda não há percurso</translation>
    </message>
    <message>
        <source>Save views in the Story panel to play them here, one after another.</source>
        <translation>Guarde vistas no painel Percurso para as mostrar aqui, uma após a outra.</translation>
    </message>
    <message>
        <source>Views in the story: {count}</source>
        <translation>Vistas do percurso: {count}</translation>
    </message>
    <message>
        <source>Next flies to the first: {name}.</source>
        <translation>«Seguinte» voa para a primeira: {name}.</translation>
    </message>
    <message>
        <source>{index} of {count}: {name}</source>
        <translation>{index} de {count}: {name}</translation>
    </message>
    <message>
        <source>Show scenario: {name}</source>
        <translation>Mostrar cenário: {name}</translation>
    </message>
    <message>
        <source>Show baseline</source>
        <translation>Mostrar situação atual</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>Modo de apresentação</translation>
    </message>
    <message>
        <source>Show the presentation on:</source>
        <translation>Mostrar a apresentação em:</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>Modo de a&amp;presentação</translation>
    </message>
    <message>
        <source>The city full screen with the story&apos;s controls (Esc leaves)</source>
        <translation>A cidade em ecrã inteiro com os controlos do percurso (Esc para sair)</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Layers that could not be shown: {count}. The others are loaded.</source>
        <translation>Camadas que não foi possível mostrar: {count}. As restantes estão carregadas.</translation>
    </message>
</context>
<context>
    <name>Provenance</name>
    <message>
        <source>Analysis</source>
        <translation>Análise</translation>
    </message>
    <message>
        <source>{title} ({analysis} {version})</source>
        <translation>{title} ({analysis}, versão {version})</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Cidade</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Executar</translation>
    </message>
    <message>
        <source>{started} to {finished}</source>
        <translation>De {started} a {finished}</translation>
    </message>
    <message>
        <source>Parameter: {name}</source>
        <translation>Parâmetro: {name}</translation>
    </message>
    <message>
        <source>{path}, SHA-256 {digest}…</source>
        <translation>{path}, SHA-256: {digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file), SHA-256 {digest}…</source>
        <translation>criado na aplicação (sem ficheiro), SHA-256: {digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file)</source>
        <translation>criado na aplicação (sem ficheiro)</translation>
    </message>
    <message>
        <source>Input: {layer}</source>
        <translation>Entrada: {layer}</translation>
    </message>
    <message>
        <source>Note: {key}</source>
        <translation>Nota: {key}</translation>
    </message>
</context>
<context>
    <name>ProvenanceDialog</name>
    <message>
        <source>Provenance: {title}</source>
        <translation>Proveniência: {title}</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Show JSON</source>
        <translation>Mostrar JSON</translation>
    </message>
</context>
<context>
    <name>ReportWorker</name>
    <message>
        <source>The report could not be started ({reason}); try again.</source>
        <extracomment>seconds a cancelled report process gets to end before it is killed</extracomment>
        <translation>Não foi possível iniciar o relatório ({reason}); tente novamente.</translation>
    </message>
    <message>
        <source>The report failed.</source>
        <translation>O relatório falhou.</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>New…</source>
        <extracomment>the item data role holding a scenario&apos;s name (None for the baseline)</extracomment>
        <translation>Novo…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Mudar o nome…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Cenário</translation>
    </message>
    <message>
        <source>No project is open: File → New project… starts one.</source>
        <translation>Não há nenhum projeto aberto: Ficheiro → Novo projeto… cria um.</translation>
    </message>
    <message>
        <source>Click a scenario to show it; the baseline is never changed.</source>
        <translation>Clique num cenário para o mostrar; a situação de base nunca é alterada.</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situação de base</translation>
    </message>
    <message>
        <source>Edits of {scenario} (first to last):</source>
        <translation>Alterações de {scenario} (da primeira à última):</translation>
    </message>
    <message>
        <source>{scenario} has no edits yet: choose a tool in the Edit scenario toolbar.</source>
        <translation>{scenario} ainda não tem alterações: escolha uma ferramenta na barra Editar cenário.</translation>
    </message>
    <message>
        <source>Choose or make a scenario to edit the city.</source>
        <translation>Escolha ou crie um cenário para editar a cidade.</translation>
    </message>
    <message>
        <source>Undo: {edit}</source>
        <translation>Desfazer: {edit}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Redo: {edit}</source>
        <translation>Refazer: {edit}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>Novo cenário</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>Nome do novo cenário:</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>Mudar o nome do cenário</translation>
    </message>
    <message>
        <source>New name of {scenario}:</source>
        <translation>Novo nome de {scenario}:</translation>
    </message>
    <message>
        <source>Delete scenario</source>
        <translation>Eliminar cenário</translation>
    </message>
    <message>
        <source>Delete the scenario {scenario}? Its edits ({count}) are lost; this cannot be undone.</source>
        <translation>Eliminar o cenário {scenario}? As suas alterações ({count}) perdem-se; não é possível desfazer.</translation>
    </message>
</context>
<context>
    <name>StoryPanel</name>
    <message>
        <source>The story has no viewpoint called &apos;{name}&apos;.</source>
        <translation>O percurso não tem nenhuma vista chamada «{name}».</translation>
    </message>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <translation>Primeiro crie ou abra um projeto (Ficheiro → Novo projeto…).</translation>
    </message>
    <message>
        <source>A viewpoint needs a name; give one, such as &apos;The harbour&apos;.</source>
        <translation>Uma vista precisa de um nome; dê-lhe um, por exemplo «O porto».</translation>
    </message>
    <message>
        <source>The story already has a viewpoint called &apos;{name}&apos;; choose another name.</source>
        <translation>O percurso já tem uma vista chamada «{name}»; escolha outro nome.</translation>
    </message>
    <message>
        <source>Open or start a project (File → New project…) to save views and play them as a story.</source>
        <translation>Abra ou crie um projeto (Ficheiro → Novo projeto…) para guardar vistas e mostrá-las como um percurso.</translation>
    </message>
    <message>
        <source>Double-click a view to fly there.</source>
        <translation>Faça duplo clique numa vista para voar até ela.</translation>
    </message>
    <message>
        <source>What to say at this view</source>
        <translation>O que dizer nesta vista</translation>
    </message>
    <message>
        <source>Add view</source>
        <translation>Adicionar vista</translation>
    </message>
    <message>
        <source>Save the 3D view as it is now as the story&apos;s next step</source>
        <translation>Guardar a vista 3D tal como está agora como o próximo passo do percurso</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Mudar o nome</translation>
    </message>
    <message>
        <source>Give the chosen view another name</source>
        <translation>Dar outro nome à vista escolhida</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Show the chosen view earlier</source>
        <translation>Mostrar mais cedo a vista escolhida</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Descer</translation>
    </message>
    <message>
        <source>Show the chosen view later</source>
        <translation>Mostrar mais tarde a vista escolhida</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Remove the chosen view from the story</source>
        <translation>Retirar a vista escolhida do percurso</translation>
    </message>
    <message>
        <source>Fly there</source>
        <translation>Voar até lá</translation>
    </message>
    <message>
        <source>Fly the camera to the chosen view</source>
        <translation>Levar a câmara em voo até à vista escolhida</translation>
    </message>
    <message>
        <source>View {n}</source>
        <translation>Vista {n}</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>Nome desta vista:</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>Mudar o nome da vista</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Novo nome:</translation>
    </message>
    <message>
        <source>Story</source>
        <translation>Percurso</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <source>by key</source>
        <translation>por chave</translation>
    </message>
    <message>
        <source>by location</source>
        <translation>por localização</translation>
    </message>
    <message>
        <source>(every column of numbers)</source>
        <translation>(todas as colunas numéricas)</translation>
    </message>
    <message>
        <source>(none: one value per feature)</source>
        <translation>(nenhuma: um valor por elemento)</translation>
    </message>
    <message>
        <source>refuse repeated keys</source>
        <translation>recusar chaves repetidas</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>soma</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>média</translation>
    </message>
    <message>
        <source>Import table</source>
        <translation>Importar tabela</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabela</translation>
    </message>
    <message>
        <source>Tables (*.csv *.txt *.gpkg *.geojson *.json);;All files (*)</source>
        <translation>Tabelas (*.csv *.txt *.gpkg *.geojson *.json);;Todos os ficheiros (*)</translation>
    </message>
    <message>
        <source>times carry their UTC offset (the city&apos;s zone is {zone})</source>
        <translation>as horas indicam o seu desvio UTC (o fuso da cidade é {zone})</translation>
    </message>
    <message>
        <source>times carry their UTC offset</source>
        <translation>as horas indicam o seu desvio UTC</translation>
    </message>
    <message>
        <source>The IANA time zone (e.g. Europe/Helsinki) of times written without an offset.</source>
        <translation>O fuso horário IANA (p. ex. Europe/Helsinki) das horas escritas sem desvio.</translation>
    </message>
    <message>
        <source>Observation store</source>
        <translation>Arquivo de observações</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>Ficheiro GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Choose a table.</source>
        <translation>Escolha uma tabela.</translation>
    </message>
    <message>
        <source>Table file</source>
        <translation>Ficheiro da tabela</translation>
    </message>
    <message>
        <source>Join to layer</source>
        <translation>Associar à camada</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Associação</translation>
    </message>
    <message>
        <source>Layer key column</source>
        <translation>Coluna-chave da camada</translation>
    </message>
    <message>
        <source>Table key column</source>
        <translation>Coluna-chave da tabela</translation>
    </message>
    <message>
        <source>Value column</source>
        <translation>Coluna de valores</translation>
    </message>
    <message>
        <source>Rows sharing a key or feature</source>
        <translation>Linhas que partilham chave ou elemento</translation>
    </message>
    <message>
        <source>Time column</source>
        <translation>Coluna de tempo</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>Store time series in</source>
        <translation>Guardar as séries temporais em</translation>
    </message>
    <message>
        <source>{rows} rows will be placed in the features of &apos;{layer}&apos; by their coordinates.</source>
        <translation>{rows} linhas serão colocadas nos elementos de «{layer}» segundo as suas coordenadas.</translation>
    </message>
    <message>
        <source>Choose the key columns.</source>
        <translation>Escolha as colunas-chave.</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched; {unmatched} key(s) of the table match none.</source>
        <translation>{matched} de {total} edifícios correspondem; {unmatched} chave(s) da tabela não correspondem a nenhum.</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched.</source>
        <translation>{matched} de {total} edifícios correspondem.</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched; {unmatched} key(s) of the table match none.</source>
        <translation>{matched} de {total} elementos correspondem; {unmatched} chave(s) da tabela não correspondem a nenhum.</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched.</source>
        <translation>{matched} de {total} elementos correspondem.</translation>
    </message>
    <message>
        <source>Choose a table file and the layer to join it to.</source>
        <translation>Escolha um ficheiro de tabela e a camada a que o associar.</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>Ainda não está pronto</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then import the table.</source>
        <translation>Aguarde até a cidade terminar de carregar e depois importe a tabela.</translation>
    </message>
    <message>
        <source>The table could not be joined</source>
        <translation>Não foi possível associar a tabela</translation>
    </message>
    <message>
        <source>Importing {table}</source>
        <translation>A importar {table}</translation>
    </message>
</context>
<context>
    <name>TableJoinWorker</name>
    <message>
        <source>Joining {table}…</source>
        <translation>A associar {table}…</translation>
    </message>
    <message>
        <source>The table &apos;{table}&apos; could not be joined</source>
        <translation>Não foi possível associar a tabela «{table}»</translation>
    </message>
</context>
<context>
    <name>TimeBar</name>
    <message>
        <source>&apos;{text}&apos; is not a time: type 17:30, 17:30:15 or 2022-02-22 17:30.</source>
        <translation>«{text}» não é uma hora: escreva 17:30, 17:30:15 ou 2022-02-22 17:30.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a time that exists: {reason}.</source>
        <translation>«{text}» não é uma hora que exista: {reason}.</translation>
    </message>
    <message>
        <source>Replay speed (× real time)</source>
        <extracomment>the user moved the clock (play, pause, speed, jump, live): the window shows the new time at once</extracomment>
        <translation>Velocidade de reprodução (× tempo real)</translation>
    </message>
    <message>
        <source>Drag to any moment the store holds</source>
        <translation>Arraste para qualquer momento guardado no arquivo</translation>
    </message>
    <message>
        <source>jump to 17:30</source>
        <translation>ir para as 17:30</translation>
    </message>
    <message>
        <source>Type a time (17:30, or 2022-02-22 17:30) in the city&apos;s time zone, then Enter</source>
        <translation>Escreva uma hora (17:30 ou 2022-02-22 17:30) no fuso horário da cidade e prima Enter</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Em direto</translation>
    </message>
    <message>
        <source>Follow the newest data the feeds have stored</source>
        <translation>Acompanhar os dados mais recentes guardados pelos fluxos</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>Reproduzir a partir daqui</translation>
    </message>
</context>
<context>
    <name>TransitMode</name>
    <message>
        <source>Bus</source>
        <translation>Autocarro</translation>
    </message>
    <message>
        <source>Tram</source>
        <translation>Elétrico</translation>
    </message>
    <message>
        <source>Rail</source>
        <translation>Comboio</translation>
    </message>
    <message>
        <source>Metro</source>
        <translation>Metropolitano</translation>
    </message>
    <message>
        <source>Ferry</source>
        <translation>Barco</translation>
    </message>
</context>
<context>
    <name>Workshop</name>
    <message>
        <source>New &amp;project…</source>
        <extracomment>the chooser&apos;s entry for &quot;no scenario&quot;</extracomment>
        <translation>Novo &amp;projeto…</translation>
    </message>
    <message>
        <source>Open p&amp;roject…</source>
        <translation>Abrir pro&amp;jeto…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>&amp;Guardar projeto</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>Guardar projeto c&amp;omo…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Anular</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>Oficina participativa</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>Cenário:</translation>
    </message>
    <message>
        <source>The scenario shown in 3D and edited; Baseline is the city as it is.</source>
        <translation>O cenário mostrado em 3D e editado; «Situação atual» é a cidade tal como é.</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situação atual</translation>
    </message>
    <message>
        <source>New scenario…</source>
        <translation>Novo cenário…</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Anular: {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;Refazer: {what}</translation>
    </message>
    <message>
        <source>twin_app project (*.twinproj.gpkg *.gpkg)</source>
        <translation>Projeto do twin_app (*.twinproj.gpkg *.gpkg)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Novo projeto</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Abrir projeto</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>Guardar projeto como</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>Novo cenário</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>Nome do novo cenário:</translation>
    </message>
</context>
<context>
    <name>WorkshopSession</name>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <extracomment>milliseconds between autosaves (a checkpoint of the journalled changes) after an edit, undo or redo of the active scenario, once the shown model is in sync the city&apos;s own layers, kept aside while a scenario shows its copies ids of the layers the scenario put in the shown model (copies, or layers it added)</extracomment>
        <translation>Comece ou abra primeiro um projeto (Ficheiro → Novo projeto…).</translation>
    </message>
    <message>
        <source>Open a city first; a project belongs to a city.</source>
        <translation>Abra primeiro uma cidade; cada projeto pertence a uma cidade.</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>Recuperar as alterações não guardadas?</translation>
    </message>
    <message>
        <source>The project {name} has {count} changes made after it was last saved (the app did not close normally). Recover them? No drops them and opens the project as last saved.</source>
        <translation>O projeto {name} tem {count} alterações feitas depois de ter sido guardado pela última vez (a aplicação não fechou normalmente). Recuperá-las? «Não» descarta-as e abre o projeto tal como foi guardado pela última vez.</translation>
    </message>
    <message>
        <source>The project could not be saved: {why}</source>
        <translation>Não foi possível guardar o projeto: {why}</translation>
    </message>
    <message>
        <source>The baseline is never changed: choose or create a scenario to edit.</source>
        <translation>A situação atual nunca é alterada: escolha ou crie um cenário para editar.</translation>
    </message>
    <message>
        <source>Open a city first; a viewpoint is a view of it.</source>
        <translation>Abra primeiro uma cidade; um ponto de vista é uma vista dela.</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projeto</translation>
    </message>
</context>
</TS>
