<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AnalysisWorker</name>
    <message>
        <source>The analysis stopped because of an unexpected error ({error}).</source>
        <translation>El análisis se detuvo por un error inesperado ({error}).</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Run an analysis to see results</source>
        <translation>Ejecute un análisis para ver los resultados</translation>
    </message>
</context>
<context>
    <name>BuildingDialog</name>
    <message>
        <source>Building {key}</source>
        <translation>Edificio {key}</translation>
    </message>
    <message>
        <source>Now {height} m tall, used as: {use}.</source>
        <translation>Ahora mide {height} m de alto; uso: {use}.</translation>
    </message>
    <message>
        <source>Height unknown, used as: {use}.</source>
        <translation>Altura desconocida; uso: {use}.</translation>
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
        <translation>La situación actual en una segunda vista junto al escenario, con las cámaras enlazadas</translation>
    </message>
    <message>
        <source>Swipe baseline and scenario</source>
        <translation>Deslizar entre situación actual y escenario</translation>
    </message>
    <message>
        <source>One picture: the baseline left of a divider you drag, the scenario right of it</source>
        <translation>Una sola imagen: la situación actual a la izquierda de un divisor que se arrastra, el escenario a su derecha</translation>
    </message>
    <message>
        <source>Open a city first, then compare.</source>
        <translation>Abra primero una ciudad y luego compare.</translation>
    </message>
    <message>
        <source>Scenario: {name}</source>
        <translation>Escenario: {name}</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Escenario</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situación actual</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Scenario comparison</source>
        <translation>Comparación de escenarios</translation>
    </message>
</context>
<context>
    <name>ComparisonPanel</name>
    <message>
        <source>Run an analysis, then choose or edit a scenario to compare it.</source>
        <translation>Ejecute un análisis y luego elija o edite un escenario para compararlo.</translation>
    </message>
    <message>
        <source>Show the change in 3D</source>
        <translation>Mostrar el cambio en 3D</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Distrito</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situación actual</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Escenario</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Tendencia</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicador</translation>
    </message>
    <message>
        <source>The baseline is shown: choose or create a scenario to compare.</source>
        <translation>Se muestra la situación actual: elija o cree un escenario para comparar.</translation>
    </message>
    <message>
        <source>Scenario “{scenario}” against the baseline</source>
        <translation>Escenario «{scenario}» frente a la situación actual</translation>
    </message>
    <message>
        <source>percentage points</source>
        <translation>puntos porcentuales</translation>
    </message>
    <message>
        <source>Changes are in {unit}.</source>
        <translation>Los cambios se expresan en {unit}.</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>Toda la ciudad</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>sin valor</translation>
    </message>
    <message>
        <source>= no change</source>
        <translation>= sin cambio</translation>
    </message>
    <message>
        <source>▲ up</source>
        <translation>▲ sube</translation>
    </message>
    <message>
        <source>▼ down</source>
        <translation>▼ baja</translation>
    </message>
    <message>
        <source>▲ better</source>
        <translation>▲ mejor</translation>
    </message>
    <message>
        <source>▲ worse</source>
        <translation>▲ peor</translation>
    </message>
    <message>
        <source>▼ better</source>
        <translation>▼ mejor</translation>
    </message>
    <message>
        <source>▼ worse</source>
        <translation>▼ peor</translation>
    </message>
</context>
<context>
    <name>ComparisonSession</name>
    <message>
        <source>Updating the indicators</source>
        <translation>Actualizando los indicadores</translation>
    </message>
    <message>
        <source>Scenario comparison</source>
        <translation>Comparación de escenarios</translation>
    </message>
    <message>
        <source>Change in {indicator}</source>
        <translation>Cambio en: {indicator}</translation>
    </message>
</context>
<context>
    <name>ConnectFeedDialog</name>
    <message>
        <source>Connect feed</source>
        <translation>Conectar flujo de datos</translation>
    </message>
    <message>
        <source>{title} ({schemes}; built-in)</source>
        <translation>{title} ({schemes}; integrada)</translation>
    </message>
    <message>
        <source>{title} ({schemes}; from {package})</source>
        <translation>{title} ({schemes}; de {package})</translation>
    </message>
    <message>
        <source>{title} ({schemes}; plugin)</source>
        <translation>{title} ({schemes}; complemento)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>shown in the feed panel and the layer list</source>
        <translation>se muestra en el panel de flujos y en la lista de capas</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Give the feed&apos;s address, such as {example}.</source>
        <translation>Indique la dirección del flujo, por ejemplo {example}.</translation>
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
        <translation>Siguiente ▶</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>DistrictPanel</name>
    <message>
        <source>All selected</source>
        <extracomment>the row of the whole selection (English source, as a district key; shown translated)</extracomment>
        <translation>Toda la selección</translation>
    </message>
    <message>
        <source>Districts (none ticked = all)</source>
        <translation>Distritos (ninguno marcado = todos)</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Gráfico</translation>
    </message>
    <message>
        <source>Provenance…</source>
        <translation>Procedencia…</translation>
    </message>
    <message>
        <source>No analysis run yet.</source>
        <translation>Todavía no se ha ejecutado ningún análisis.</translation>
    </message>
    <message>
        <source>{definition}
(key: {key})</source>
        <translation>{definition}
(clave: {key})</translation>
    </message>
</context>
<context>
    <name>EditTools</name>
    <message>
        <source>Add stop</source>
        <extracomment>the marker following the mouse moves at most this often (milliseconds) a click within this many pixels of a street, stop or tree finds it even when that is many metres an edit was handed to the workshop (accepted or refused): the tool&apos;s name a marker follows the mouse where a click would put a stop; None: decided by the OpenGL (off on a software one, where each redraw takes about a second)</extracomment>
        <translation>Añadir parada</translation>
    </message>
    <message>
        <source>Click near a street: a new stop is placed on it</source>
        <translation>Haga clic cerca de una calle: se coloca en ella una parada nueva</translation>
    </message>
    <message>
        <source>Move stop</source>
        <translation>Mover parada</translation>
    </message>
    <message>
        <source>Click a stop, then its new place on a street</source>
        <translation>Haga clic en una parada y luego en su nuevo lugar en una calle</translation>
    </message>
    <message>
        <source>Remove stop</source>
        <translation>Quitar parada</translation>
    </message>
    <message>
        <source>Click a stop to remove it</source>
        <translation>Haga clic en una parada para quitarla</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Añadir línea</translation>
    </message>
    <message>
        <source>Click stops or street points in order; double-click or Enter finishes, Esc cancels</source>
        <translation>Haga clic en paradas o puntos de calle por orden; doble clic o Intro termina, Esc cancela</translation>
    </message>
    <message>
        <source>Add trees</source>
        <translation>Añadir árboles</translation>
    </message>
    <message>
        <source>Each click plants a tree</source>
        <translation>Cada clic planta un árbol</translation>
    </message>
    <message>
        <source>Remove trees</source>
        <translation>Quitar árboles</translation>
    </message>
    <message>
        <source>Click a tree to remove it</source>
        <translation>Haga clic en un árbol para quitarlo</translation>
    </message>
    <message>
        <source>Draw green area</source>
        <translation>Dibujar zona verde</translation>
    </message>
    <message>
        <source>Click the corners of a park; double-click or Enter closes it, Esc cancels</source>
        <translation>Haga clic en las esquinas de un parque; doble clic o Intro lo cierra, Esc cancela</translation>
    </message>
    <message>
        <source>Remove green area</source>
        <translation>Quitar zona verde</translation>
    </message>
    <message>
        <source>Click a park or green area to remove it</source>
        <translation>Haga clic en un parque o zona verde para quitarlo</translation>
    </message>
    <message>
        <source>Building height / use</source>
        <translation>Altura / uso del edificio</translation>
    </message>
    <message>
        <source>Click a building to change its height or use</source>
        <translation>Haga clic en un edificio para cambiar su altura o su uso</translation>
    </message>
    <message>
        <source>Car-free street</source>
        <translation>Calle sin coches</translation>
    </message>
    <message>
        <source>Click a street to make it car-free</source>
        <translation>Haga clic en una calle para cerrarla a los coches</translation>
    </message>
    <message>
        <source>Edit scenario</source>
        <translation>Editar escenario</translation>
    </message>
    <message>
        <source>New stops:</source>
        <translation>Paradas nuevas:</translation>
    </message>
    <message>
        <source>The mode of the stops the Add stop tool places</source>
        <translation>El modo de transporte de las paradas que coloca la herramienta Añadir parada</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <source>Finish the line or the green area being drawn (Enter)</source>
        <translation>Terminar la línea o la zona verde que se está dibujando (Intro)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Drop what is being drawn (Esc)</source>
        <translation>Descartar lo que se está dibujando (Esc)</translation>
    </message>
    <message>
        <source>Click on the city, not the sky.</source>
        <translation>Haga clic en la ciudad, no en el cielo.</translation>
    </message>
    <message>
        <source>Done: {what}. Undo with Ctrl+Z.</source>
        <translation>Hecho: {what}. Deshaga con Ctrl+Z.</translation>
    </message>
    <message>
        <source>No street within {metres} m of the click; click nearer a street.</source>
        <translation>No hay ninguna calle a menos de {metres} m del clic; haga clic más cerca de una calle.</translation>
    </message>
    <message>
        <source>No stop there; click on a stop.</source>
        <translation>Ahí no hay ninguna parada; haga clic en una parada.</translation>
    </message>
    <message>
        <source>New stop {number}</source>
        <translation>Parada nueva {number}</translation>
    </message>
    <message>
        <source>Now click the new place of the stop {stop}.</source>
        <translation>Ahora haga clic en el nuevo lugar de la parada {stop}.</translation>
    </message>
    <message>
        <source>{count} stops so far; double-click or press Enter to finish.</source>
        <translation>Paradas hasta ahora: {count}; haga doble clic o pulse Intro para terminar.</translation>
    </message>
    <message>
        <source>A line needs at least two stops; click another one.</source>
        <translation>Una línea necesita al menos dos paradas; haga clic en otra.</translation>
    </message>
    <message>
        <source>New line {number}</source>
        <translation>Línea nueva {number}</translation>
    </message>
    <message>
        <source>No tree there; click on a tree.</source>
        <translation>Ahí no hay ningún árbol; haga clic en un árbol.</translation>
    </message>
    <message>
        <source>{count} corners so far; double-click or press Enter to close the area.</source>
        <translation>Esquinas hasta ahora: {count}; haga doble clic o pulse Intro para cerrar la zona.</translation>
    </message>
    <message>
        <source>A green area needs at least three corners; click another one.</source>
        <translation>Una zona verde necesita al menos tres esquinas; haga clic en otra.</translation>
    </message>
    <message>
        <source>This outline crosses itself or encloses nothing, so it cannot be a green area; press Esc and draw it again without crossing lines.</source>
        <translation>Este contorno se cruza consigo mismo o no encierra nada, así que no puede ser una zona verde; pulse Esc y dibújelo de nuevo sin cruzar líneas.</translation>
    </message>
    <message>
        <source>New green area</source>
        <translation>Zona verde nueva</translation>
    </message>
    <message>
        <source>No park or green area there; click inside one.</source>
        <translation>Ahí no hay ningún parque ni zona verde; haga clic dentro de uno.</translation>
    </message>
    <message>
        <source>No building there; click on a building.</source>
        <translation>Ahí no hay ningún edificio; haga clic en un edificio.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>1280×720 (HD)</source>
        <extracomment>the sizes offered besides the view&apos;s own (the largest is the export limit)</extracomment>
        <translation>1280×720 (alta definición)</translation>
    </message>
    <message>
        <source>1920×1080 (Full HD, slides)</source>
        <translation>1920×1080 (Full HD, diapositivas)</translation>
    </message>
    <message>
        <source>3840×2160 (4K, posters)</source>
        <translation>3840×2160 (4K, carteles)</translation>
    </message>
    <message>
        <source>As the view ({width}×{height})</source>
        <translation>Como la vista ({width}×{height})</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Exportar vista</translation>
    </message>
    <message>
        <source>Image size (text scales with it):</source>
        <translation>Tamaño de la imagen (el texto se ajusta a él):</translation>
    </message>
</context>
<context>
    <name>ExportPinsDialog</name>
    <message>
        <source>Export feedback pins</source>
        <translation>Exportar marcadores de opinión</translation>
    </message>
    <message>
        <source>The {count} pins listed are exported. The file&apos;s ending chooses its format: .gpkg (GeoPackage), .geojson (GeoJSON) or .csv (a table).</source>
        <translation>Se exportan los {count} marcadores de la lista. La terminación del archivo elige el formato: .gpkg (GeoPackage), .geojson (GeoJSON) o .csv (una tabla).</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Include residents&apos; names</source>
        <translation>Incluir los nombres de los vecinos</translation>
    </message>
    <message>
        <source>Names are personal data: export them only where residents agreed.</source>
        <translation>Los nombres son datos personales: expórtelos solo si los vecinos lo aceptaron.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>Archivo GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>Archivo GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Tabla CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>FeedPanel</name>
    <message>
        <source>Feed</source>
        <extracomment>at most this often (ms): twice a second reads as live and costs nothing under a flood a rate worked out from counts is averaged over this many seconds (feeds deliver in bursts) the columns, by their English names (``row_texts``&apos; keys); the headers show them translated</extracomment>
        <translation>Flujo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation>msj/s</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Guardados</translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation>Mal formados</translation>
    </message>
    <message>
        <source>connecting</source>
        <extracomment>what ``row_texts`` calls the line under a feed&apos;s row that shows its last error each state as the panel says it</extracomment>
        <translation>conectando</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>conectado</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconectando</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>con error</translation>
    </message>
    <message>
        <source>{title}
source: {source}
stored as: {id}</source>
        <translation>{title}
origen: {source}
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
        <translation>Mensajes mal formados: {count}. Por ejemplo:
{samples}</translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>Último error: {error}</translation>
    </message>
</context>
<context>
    <name>FeedbackDock</name>
    <message>
        <source>Feedback</source>
        <translation>Opiniones</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <source>Feedback pins are kept in a project. Start one with File → New project… (or open one), then drop pins on the map.</source>
        <translation>Los marcadores de opinión se guardan en un proyecto. Cree uno con Archivo → Nuevo proyecto… (o abra uno) y luego coloque marcadores en el mapa.</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Nuevo proyecto…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <source>Active scenario</source>
        <translation>Escenario activo</translation>
    </message>
    <message>
        <source>All scenarios</source>
        <translation>Todos los escenarios</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Escenario</translation>
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
        <translation>Después haga clic en el nuevo lugar del marcador en la vista 3D</translation>
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
        <translation>Idea</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>Me gusta</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind}: {count} marcadores</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situación actual</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
</context>
<context>
    <name>ImportWorker</name>
    <message>
        <source>Building the city &apos;{name}&apos;…</source>
        <translation>Creando la ciudad «{name}»…</translation>
    </message>
    <message>
        <source>The city &apos;{name}&apos; could not be built</source>
        <translation>No se pudo crear la ciudad «{name}»</translation>
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
        <translation>Detener la tarea en curso (y descartar las que esperan)</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Cancelling {job}…</source>
        <translation>Cancelando {job}…</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Tareas</translation>
    </message>
    <message>
        <source>Waiting jobs dropped: {count}.</source>
        <translation>Tareas en espera descartadas: {count}.</translation>
    </message>
    <message>
        <source>{job} (+{count} waiting)</source>
        <translation>{job} (+{count} en espera)</translation>
    </message>
    <message>
        <source>Running: {job}</source>
        <translation>En curso: {job}</translation>
    </message>
    <message>
        <source>Waiting: {job}</source>
        <translation>En espera: {job}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>No installed font has the letters of {language}, so its text may show as empty boxes. Install a CJK font (on Debian or Ubuntu: sudo apt-get install fonts-noto-cjk), then start twin_app again.</source>
        <extracomment>the compiled Qt translations of twin_app&apos;s own texts where the chosen language is kept between runs (QSettings organisation, application, key) the writing system each language needs a font for (Latin ones are in every font) Qt&apos;s locale for each code (the one whose ``qtbase_*.qm`` and number formats fit) the dynamic property on which :func:`keep_translated` keeps a widget&apos;s source texts Qt ships some of its own translations only for one country&apos;s variant</extracomment>
        <translation>Ninguna fuente instalada tiene las letras de {language}, así que su texto puede verse como cuadros vacíos. Instale una fuente CJK (en Debian o Ubuntu: sudo apt-get install fonts-noto-cjk) y vuelva a iniciar twin_app.</translation>
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
        <translation>(un solo color)</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Capa</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Entidades</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacidad</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>Colorear por</translation>
    </message>
</context>
<context>
    <name>LegendDock</name>
    <message>
        <source>Legend</source>
        <translation>Leyenda</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <source>What the colours on the map mean</source>
        <extracomment>the dock keeps at least this height (pixels) for its first entry</extracomment>
        <translation>Qué significan los colores del mapa</translation>
    </message>
    <message>
        <source>No coloured layer is shown.</source>
        <translation>No se muestra ninguna capa coloreada.</translation>
    </message>
</context>
<context>
    <name>LineDialog</name>
    <message>
        <source>New line</source>
        <extracomment>the transit modes a new stop or line may have (the names ``timetable.mode_name`` gives GTFS routes) building uses offered first (any other OSM ``building`` value can be typed)</extracomment>
        <translation>Línea nueva</translation>
    </message>
    <message>
        <source>A line through {count} stops.</source>
        <translation>Una línea por {count} paradas.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
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
        <translation>Salidas en cada sentido</translation>
    </message>
</context>
<context>
    <name>LiveSession</name>
    <message>
        <source>{station} reads {reading} at {time}: beyond {rule}.</source>
        <extracomment>tests and portable installs put the live stores here instead of the user&apos;s data folder how far behind the newest observation live mode shows (s): two fixes of a 1 Hz feed and some slack the feed panel is refreshed this often (s), by the frame timer: at most twice a second the span the slider covers is read again this often (s): it grows as the feeds store more extra references to None, topped up while the live timer runs (see :func:`keep_none_alive`) the duration of the last frames&apos; work on the clock and playback (s) the duration of the last redraws of the view (s), whatever asked for them</extracomment>
        <translation>{station} marca {reading} a las {time}: fuera de {rule}.</translation>
    </message>
    <message>
        <source>{station} reads {reading} at {time}: beyond its threshold.</source>
        <translation>{station} marca {reading} a las {time}: supera su umbral.</translation>
    </message>
</context>
<context>
    <name>LoadWorker</name>
    <message>
        <source>Opening {file}…</source>
        <translation>Abriendo {file}…</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; could not be opened</source>
        <translation>No se pudo abrir «{path}»</translation>
    </message>
    <message>
        <source>Loading the city &apos;{city}&apos; stopped</source>
        <translation>La carga de la ciudad «{city}» se detuvo</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Preparing the 3D view…</source>
        <extracomment>while a city loads, redraw at most this often (a small city is drawn once, at the end) the city&apos;s layers have all been loaded (a scenario is shown on them only then) the raw parameters each analysis was last run with in this window (the report uses them)</extracomment>
        <translation>Preparando la vista 3D…</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Capas</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>Entidad</translation>
    </message>
    <message>
        <source>Districts and results</source>
        <translation>Distritos y resultados</translation>
    </message>
    <message>
        <source>Data sources</source>
        <translation>Fuentes de datos</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>click tools added by panels (pins, scenario editing): action → handler(x, y)</extracomment>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Open &amp;city…</source>
        <translation>Abrir &amp;ciudad…</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>&amp;Abrir archivo…</translation>
    </message>
    <message>
        <source>&amp;New city from files…</source>
        <translation>&amp;Nueva ciudad a partir de archivos…</translation>
    </message>
    <message>
        <source>Import &amp;table…</source>
        <translation>Importar &amp;tabla…</translation>
    </message>
    <message>
        <source>Connect &amp;feed…</source>
        <translation>Conectar &amp;flujo de datos…</translation>
    </message>
    <message>
        <source>&amp;Export view as PNG…</source>
        <translation>&amp;Exportar vista como PNG…</translation>
    </message>
    <message>
        <source>Export scene as &amp;glTF…</source>
        <translation>Exportar escena como &amp;glTF…</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>&amp;Informe…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Analyses</source>
        <translation>A&amp;nálisis</translation>
    </message>
    <message>
        <source>{name} (could not be loaded)</source>
        <translation>{name} (no se pudo cargar)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Data sources and licences</source>
        <translation>Fuentes de datos y licencias</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Vista</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Frame the whole city again (Home, H or R in the 3D view)</source>
        <translation>Volver a encuadrar toda la ciudad (Inicio, H o R en la vista 3D)</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>Captura</translation>
    </message>
    <message>
        <source>Save the 3D view as a PNG image</source>
        <translation>Guardar la vista 3D como imagen PNG</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>Identificar</translation>
    </message>
    <message>
        <source>Click a feature to see its attributes and results</source>
        <translation>Haga clic en una entidad para ver sus atributos y resultados</translation>
    </message>
    <message>
        <source>Select districts</source>
        <translation>Seleccionar distritos</translation>
    </message>
    <message>
        <source>While on, clicking in the 3D view ticks or unticks a district.</source>
        <translation>Mientras está activo, al hacer clic en la vista 3D se marca o desmarca un distrito.</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Medir</translation>
    </message>
    <message>
        <source>Click two or more points to measure the distance along them on the map; Esc clears</source>
        <translation>Haga clic en dos o más puntos para medir la distancia que los recorre en el mapa; Esc borra</translation>
    </message>
    <message>
        <source>Click on the city to measure.</source>
        <translation>Haga clic sobre la ciudad para medir.</translation>
    </message>
    <message>
        <source>Measure: click the next point (Esc clears).</source>
        <translation>Medir: haga clic en el siguiente punto (Esc borra).</translation>
    </message>
    <message>
        <source>Distance on the map: {distance} (Esc clears)</source>
        <translation>Distancia en el mapa: {distance} (Esc borra)</translation>
    </message>
    <message>
        <source>Measurement cleared.</source>
        <translation>Medición borrada.</translation>
    </message>
    <message>
        <source>Starting the 3D view…</source>
        <translation>Iniciando la vista 3D…</translation>
    </message>
    <message>
        <source>Districts: {names}</source>
        <translation>Distritos: {names}</translation>
    </message>
    <message>
        <source>Districts: all</source>
        <translation>Distritos: todos</translation>
    </message>
    <message>
        <source>Nothing to identify there.</source>
        <translation>No hay nada que identificar ahí.</translation>
    </message>
    <message>
        <source>{layer}: feature {feature}</source>
        <translation>{layer}: entidad {feature}</translation>
    </message>
    <message>
        <source>The city could not be opened</source>
        <translation>No se pudo abrir la ciudad</translation>
    </message>
    <message>
        <source>Loading {city}</source>
        <translation>Cargando {city}</translation>
    </message>
    <message>
        <source>Opening {files}</source>
        <translation>Abriendo {files}</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>Todavía no está listo</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then run the analysis.</source>
        <translation>Espere a que la ciudad termine de cargarse y ejecute entonces el análisis.</translation>
    </message>
    <message>
        <source>The analysis is not available</source>
        <translation>El análisis no está disponible</translation>
    </message>
    <message>
        <source>Analysis {name}</source>
        <translation>Análisis {name}</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Análisis</translation>
    </message>
    <message>
        <source>The analysis could not finish</source>
        <translation>El análisis no pudo terminar</translation>
    </message>
    <message>
        <source>Analysis cancelled.</source>
        <translation>Análisis cancelado.</translation>
    </message>
    <message>
        <source>Analysis finished.</source>
        <translation>Análisis terminado.</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>Carga cancelada.</translation>
    </message>
    <message>
        <source>Ready. Layers: {count}.</source>
        <translation>Listo. Capas: {count}.</translation>
    </message>
    <message>
        <source>Some data could not be loaded</source>
        <translation>No se pudieron cargar algunos datos</translation>
    </message>
    <message>
        <source>Open a city folder (with city.toml)</source>
        <translation>Abrir una carpeta de ciudad (con city.toml)</translation>
    </message>
    <message>
        <source>Open data files</source>
        <translation>Abrir archivos de datos</translation>
    </message>
    <message>
        <source>Data ({patterns});;All files (*)</source>
        <translation>Datos ({patterns});;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>Flujos de datos</translation>
    </message>
    <message>
        <source>This window cannot start feeds yet; ingest it with &apos;twin-app feed ingest&apos;.</source>
        <translation>Esta ventana aún no puede iniciar flujos; ingiéralo con «twin-app feed ingest».</translation>
    </message>
    <message>
        <source>Building the city {name}</source>
        <translation>Creando la ciudad {name}</translation>
    </message>
    <message>
        <source>New city</source>
        <translation>Nueva ciudad</translation>
    </message>
    <message>
        <source>The city could not be created</source>
        <translation>No se pudo crear la ciudad</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Exportar vista</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>The view could not be exported</source>
        <translation>No se pudo exportar la vista</translation>
    </message>
    <message>
        <source>There is no view to export yet: open a city first.</source>
        <translation>Aún no hay ninguna vista que exportar: abra primero una ciudad.</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Guardado: {path}</translation>
    </message>
    <message>
        <source>Export scene</source>
        <translation>Exportar escena</translation>
    </message>
    <message>
        <source>Binary glTF (*.glb)</source>
        <translation>glTF binario (*.glb)</translation>
    </message>
    <message>
        <source>The scene could not be exported</source>
        <translation>No se pudo exportar la escena</translation>
    </message>
    <message>
        <source>The scene was saved to {path}.</source>
        <translation>La escena se guardó en {path}.</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then make the report.</source>
        <translation>Espere a que la ciudad termine de cargarse y genere entonces el informe.</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Informe</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The report was saved to {path}.</source>
        <translation>El informe se guardó en {path}.</translation>
    </message>
    <message>
        <source>The report could not be made</source>
        <translation>No se pudo generar el informe</translation>
    </message>
    <message>
        <source>No city is open.</source>
        <translation>No hay ninguna ciudad abierta.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <source>source and licence not stated: see the file&apos;s own notes</source>
        <translation>origen y licencia no indicados: consulte las notas del propio archivo</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licencias</translation>
    </message>
    <message>
        <source>Live feeds</source>
        <translation>Flujos en directo</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>No city is open</source>
        <translation>No hay ninguna ciudad abierta</translation>
    </message>
    <message>
        <source>Open a city first, then connect the feed to it.</source>
        <translation>Abra primero una ciudad y conecte después el flujo a ella.</translation>
    </message>
    <message>
        <source>The feed {name} could not start: {reason}</source>
        <translation>El flujo {name} no pudo iniciarse: {reason}</translation>
    </message>
    <message>
        <source>Simulated data shown, not real-time: {feeds}</source>
        <translation>Se muestran datos simulados, no en tiempo real: {feeds}</translation>
    </message>
</context>
<context>
    <name>NewCityDialog</name>
    <message>
        <source>New city from files</source>
        <translation>Nueva ciudad a partir de archivos</translation>
    </message>
    <message>
        <source>Vector files (*.gpkg *.geojson *.shp *.fgb)</source>
        <translation>Archivos vectoriales (*.gpkg *.geojson *.shp *.fgb)</translation>
    </message>
    <message>
        <source>OpenStreetMap extract</source>
        <translation>Extracto de OpenStreetMap</translation>
    </message>
    <message>
        <source>OSM (*.osm *.osm.bz2 *.osm.pbf *.pbf)</source>
        <translation>Datos OSM (*.osm *.osm.bz2 *.osm.pbf *.pbf)</translation>
    </message>
    <message>
        <source>GTFS feed</source>
        <translation>Datos GTFS</translation>
    </message>
    <message>
        <source>GTFS (*.zip)</source>
        <translation>Datos GTFS (*.zip)</translation>
    </message>
    <message>
        <source>Population grid</source>
        <translation>Malla de población</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>Distritos</translation>
    </message>
    <message>
        <source>The column of the districts file that holds their names.</source>
        <translation>La columna del archivo de distritos que contiene sus nombres.</translation>
    </message>
    <message>
        <source>chosen from the OSM file</source>
        <translation>se elige a partir del archivo OSM</translation>
    </message>
    <message>
        <source>Without a districts file: the OSM admin_level of the districts.</source>
        <translation>Sin archivo de distritos: el admin_level de OSM de los distritos.</translation>
    </message>
    <message>
        <source>Raster (e.g. heat)</source>
        <translation>Ráster (p. ej., calor)</translation>
    </message>
    <message>
        <source>Raster (*.tif *.tiff)</source>
        <translation>Ráster (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>as the raster states (e.g. °C)</source>
        <translation>según indique el ráster (p. ej., °C)</translation>
    </message>
    <message>
        <source>© OpenStreetMap contributors (ODbL)</source>
        <extracomment>a credit per given file; empty means &quot;what the file itself says&quot;</extracomment>
        <translation>© colaboradores de OpenStreetMap (ODbL)</translation>
    </message>
    <message>
        <source>as the file states, if it does</source>
        <translation>lo que indique el archivo, si lo hace</translation>
    </message>
    <message>
        <source>by building type (docs/buildings.md)</source>
        <translation>según el tipo de edificio (docs/buildings.md)</translation>
    </message>
    <message>
        <source>Parent folder</source>
        <translation>Carpeta contenedora</translation>
    </message>
    <message>
        <source>credit</source>
        <translation>crédito</translation>
    </message>
    <message>
        <source>City name</source>
        <translation>Nombre de la ciudad</translation>
    </message>
    <message>
        <source>OSM file (required)</source>
        <translation>Archivo OSM (obligatorio)</translation>
    </message>
    <message>
        <source>District name column</source>
        <translation>Columna del nombre del distrito</translation>
    </message>
    <message>
        <source>District admin level</source>
        <translation>Nivel administrativo de los distritos</translation>
    </message>
    <message>
        <source>Raster</source>
        <translation>Ráster</translation>
    </message>
    <message>
        <source>Raster label</source>
        <translation>Etiqueta del ráster</translation>
    </message>
    <message>
        <source>Raster units</source>
        <translation>Unidades del ráster</translation>
    </message>
    <message>
        <source>Storey height (m)</source>
        <translation>Altura de planta (m)</translation>
    </message>
    <message>
        <source>Default building height (m)</source>
        <translation>Altura predeterminada de los edificios (m)</translation>
    </message>
    <message>
        <source>Save in</source>
        <translation>Guardar en</translation>
    </message>
    <message>
        <source>The storey height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>La altura de planta debe ser un número de metros, como 3 o 2,8, no «{text}».</translation>
    </message>
    <message>
        <source>The default building height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>La altura predeterminada de los edificios debe ser un número de metros, como 3 o 2,8, no «{text}».</translation>
    </message>
</context>
<context>
    <name>ParamDialog</name>
    <message>
        <source>Run</source>
        <translation>Ejecutar</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>Tick districts to analyse; none ticked means all.</source>
        <translation>Marque los distritos que analizar; si no marca ninguno, se analizan todos.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Drop a feedback pin</source>
        <extracomment>the list&apos;s columns what a filter combo holds for &quot;every category&quot; / &quot;every scenario&quot;</extracomment>
        <translation>Colocar un marcador de opinión</translation>
    </message>
    <message>
        <source>What kind of remark is it?</source>
        <translation>¿Qué tipo de comentario es?</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>Idea</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>I like this</source>
        <translation>Me gusta esto</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>What the resident said, in a few words</source>
        <translation>Lo que dijo el vecino, en pocas palabras</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>Nombre (opcional)</translation>
    </message>
    <message>
        <source>Only if the resident wants to give it</source>
        <translation>Solo si el vecino quiere darlo</translation>
    </message>
    <message>
        <source>Drop pin</source>
        <translation>Colocar marcador</translation>
    </message>
    <message>
        <source>{count} of {limit} characters</source>
        <translation>{count} de {limit} caracteres</translation>
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
        <translation>Haga clic en la vista 3D donde señala un vecino y anote lo que dijo</translation>
    </message>
    <message>
        <source>Move pin</source>
        <translation>Mover marcador</translation>
    </message>
    <message>
        <source>Click the selected pin&apos;s new place in the 3D view</source>
        <translation>Haga clic en el nuevo lugar del marcador seleccionado en la vista 3D</translation>
    </message>
    <message>
        <source>Start a project first (File → New project…): pins are kept in it.</source>
        <translation>Primero cree un proyecto (Archivo → Nuevo proyecto…): los marcadores se guardan en él.</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to drop a pin.</source>
        <translation>Haga clic en la ciudad, no en el cielo, para colocar un marcador.</translation>
    </message>
    <message>
        <source>Pin {number} dropped and saved in the project.</source>
        <translation>Marcador {number} colocado y guardado en el proyecto.</translation>
    </message>
    <message>
        <source>Pin {number}: {comment}</source>
        <translation>Marcador {number}: {comment}</translation>
    </message>
    <message>
        <source>Click the pin&apos;s new place in the 3D view.</source>
        <translation>Haga clic en el nuevo lugar del marcador en la vista 3D.</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to move the pin.</source>
        <translation>Haga clic en la ciudad, no en el cielo, para mover el marcador.</translation>
    </message>
    <message>
        <source>Pin {number} moved.</source>
        <translation>Marcador {number} movido.</translation>
    </message>
    <message>
        <source>Delete the pin?</source>
        <translation>¿Eliminar el marcador?</translation>
    </message>
    <message>
        <source>Delete pin {number} (“{comment}”)? This cannot be undone.</source>
        <translation>¿Eliminar el marcador {number} («{comment}»)? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Pin {number} deleted.</source>
        <translation>Marcador {number} eliminado.</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Opiniones</translation>
    </message>
    <message>
        <source>The pins could not be exported</source>
        <translation>No se pudieron exportar los marcadores</translation>
    </message>
    <message>
        <source>The pins were saved to {path}.</source>
        <translation>Los marcadores se guardaron en {path}.</translation>
    </message>
</context>
<context>
    <name>PinsLegend</name>
    <message>
        <source>Idea</source>
        <translation>Idea</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>Me gusta</translation>
    </message>
    <message>
        <source>Feedback pins</source>
        <translation>Marcadores de opinión</translation>
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
        <translation>Presentación</translation>
    </message>
    <message>
        <source>No story yet</source>
        <translation>Todavía no hay recorrido</translation>
    </message>
    <message>
        <source>Save views in the Story panel to play them here, one after another.</source>
        <translation>Guarde vistas en el panel Recorrido para mostrarlas aquí, una tras otra.</translation>
    </message>
    <message>
        <source>Views in the story: {count}</source>
        <translation>Vistas del recorrido: {count}</translation>
    </message>
    <message>
        <source>Next flies to the first: {name}.</source>
        <translation>«Siguiente» vuela a la primera: {name}.</translation>
    </message>
    <message>
        <source>{index} of {count}: {name}</source>
        <translation>{index} de {count}: {name}</translation>
    </message>
    <message>
        <source>Show scenario: {name}</source>
        <translation>Mostrar escenario: {name}</translation>
    </message>
    <message>
        <source>Show baseline</source>
        <translation>Mostrar situación actual</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>Modo presentación</translation>
    </message>
    <message>
        <source>Show the presentation on:</source>
        <translation>Mostrar la presentación en:</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>Modo &amp;presentación</translation>
    </message>
    <message>
        <source>The city full screen with the story&apos;s controls (Esc leaves)</source>
        <translation>La ciudad a pantalla completa con los controles del recorrido (Esc para salir)</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Layers that could not be shown: {count}. The others are loaded.</source>
        <translation>Capas que no se pudieron mostrar: {count}. Las demás están cargadas.</translation>
    </message>
</context>
<context>
    <name>Provenance</name>
    <message>
        <source>Analysis</source>
        <translation>Análisis</translation>
    </message>
    <message>
        <source>{title} ({analysis} {version})</source>
        <translation>{title} ({analysis}, versión {version})</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecutar</translation>
    </message>
    <message>
        <source>{started} to {finished}</source>
        <translation>De {started} a {finished}</translation>
    </message>
    <message>
        <source>Parameter: {name}</source>
        <translation>Parámetro: {name}</translation>
    </message>
    <message>
        <source>{path}, SHA-256 {digest}…</source>
        <translation>{path}, SHA-256: {digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file), SHA-256 {digest}…</source>
        <translation>creado en la aplicación (sin archivo), SHA-256: {digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file)</source>
        <translation>creado en la aplicación (sin archivo)</translation>
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
        <translation>Procedencia: {title}</translation>
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
        <translation>No se pudo iniciar el informe ({reason}); inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The report failed.</source>
        <translation>El informe falló.</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>New…</source>
        <extracomment>the item data role holding a scenario&apos;s name (None for the baseline)</extracomment>
        <translation>Nuevo…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renombrar…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Escenario</translation>
    </message>
    <message>
        <source>No project is open: File → New project… starts one.</source>
        <translation>No hay ningún proyecto abierto: Archivo → Nuevo proyecto… crea uno.</translation>
    </message>
    <message>
        <source>Click a scenario to show it; the baseline is never changed.</source>
        <translation>Haga clic en un escenario para mostrarlo; la situación de base nunca se modifica.</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situación de base</translation>
    </message>
    <message>
        <source>Edits of {scenario} (first to last):</source>
        <translation>Cambios de {scenario} (del primero al último):</translation>
    </message>
    <message>
        <source>{scenario} has no edits yet: choose a tool in the Edit scenario toolbar.</source>
        <translation>{scenario} aún no tiene cambios: elija una herramienta en la barra Editar escenario.</translation>
    </message>
    <message>
        <source>Choose or make a scenario to edit the city.</source>
        <translation>Elija o cree un escenario para editar la ciudad.</translation>
    </message>
    <message>
        <source>Undo: {edit}</source>
        <translation>Deshacer: {edit}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Redo: {edit}</source>
        <translation>Rehacer: {edit}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>Escenario nuevo</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>Nombre del escenario nuevo:</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>Renombrar escenario</translation>
    </message>
    <message>
        <source>New name of {scenario}:</source>
        <translation>Nuevo nombre de {scenario}:</translation>
    </message>
    <message>
        <source>Delete scenario</source>
        <translation>Eliminar escenario</translation>
    </message>
    <message>
        <source>Delete the scenario {scenario}? Its edits ({count}) are lost; this cannot be undone.</source>
        <translation>¿Eliminar el escenario {scenario}? Se pierden sus cambios ({count}); no se puede deshacer.</translation>
    </message>
</context>
<context>
    <name>StoryPanel</name>
    <message>
        <source>The story has no viewpoint called &apos;{name}&apos;.</source>
        <translation>El recorrido no tiene ninguna vista llamada «{name}».</translation>
    </message>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <translation>Primero cree o abra un proyecto (Archivo → Nuevo proyecto…).</translation>
    </message>
    <message>
        <source>A viewpoint needs a name; give one, such as &apos;The harbour&apos;.</source>
        <translation>Una vista necesita un nombre; póngale uno, por ejemplo «El puerto».</translation>
    </message>
    <message>
        <source>The story already has a viewpoint called &apos;{name}&apos;; choose another name.</source>
        <translation>El recorrido ya tiene una vista llamada «{name}»; elija otro nombre.</translation>
    </message>
    <message>
        <source>Open or start a project (File → New project…) to save views and play them as a story.</source>
        <translation>Abra o cree un proyecto (Archivo → Nuevo proyecto…) para guardar vistas y mostrarlas como un recorrido.</translation>
    </message>
    <message>
        <source>Double-click a view to fly there.</source>
        <translation>Haga doble clic en una vista para volar hasta ella.</translation>
    </message>
    <message>
        <source>What to say at this view</source>
        <translation>Qué decir en esta vista</translation>
    </message>
    <message>
        <source>Add view</source>
        <translation>Añadir vista</translation>
    </message>
    <message>
        <source>Save the 3D view as it is now as the story&apos;s next step</source>
        <translation>Guardar la vista 3D tal como está ahora como el siguiente paso del recorrido</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renombrar</translation>
    </message>
    <message>
        <source>Give the chosen view another name</source>
        <translation>Dar otro nombre a la vista elegida</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Show the chosen view earlier</source>
        <translation>Mostrar antes la vista elegida</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <source>Show the chosen view later</source>
        <translation>Mostrar después la vista elegida</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Remove the chosen view from the story</source>
        <translation>Quitar la vista elegida del recorrido</translation>
    </message>
    <message>
        <source>Fly there</source>
        <translation>Volar allí</translation>
    </message>
    <message>
        <source>Fly the camera to the chosen view</source>
        <translation>Llevar la cámara en vuelo a la vista elegida</translation>
    </message>
    <message>
        <source>View {n}</source>
        <translation>Vista {n}</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>Nombre de esta vista:</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>Renombrar vista</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nombre nuevo:</translation>
    </message>
    <message>
        <source>Story</source>
        <translation>Recorrido</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <source>by key</source>
        <translation>por clave</translation>
    </message>
    <message>
        <source>by location</source>
        <translation>por ubicación</translation>
    </message>
    <message>
        <source>(every column of numbers)</source>
        <translation>(todas las columnas numéricas)</translation>
    </message>
    <message>
        <source>(none: one value per feature)</source>
        <translation>(ninguna: un valor por entidad)</translation>
    </message>
    <message>
        <source>refuse repeated keys</source>
        <translation>rechazar claves repetidas</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>suma</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>media</translation>
    </message>
    <message>
        <source>Import table</source>
        <translation>Importar tabla</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Tables (*.csv *.txt *.gpkg *.geojson *.json);;All files (*)</source>
        <translation>Tablas (*.csv *.txt *.gpkg *.geojson *.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>times carry their UTC offset (the city&apos;s zone is {zone})</source>
        <translation>las horas llevan su desfase UTC (la zona de la ciudad es {zone})</translation>
    </message>
    <message>
        <source>times carry their UTC offset</source>
        <translation>las horas llevan su desfase UTC</translation>
    </message>
    <message>
        <source>The IANA time zone (e.g. Europe/Helsinki) of times written without an offset.</source>
        <translation>La zona horaria IANA (p. ej., Europe/Helsinki) de las horas escritas sin desfase.</translation>
    </message>
    <message>
        <source>Observation store</source>
        <translation>Almacén de observaciones</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>Archivo GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Choose a table.</source>
        <translation>Elija una tabla.</translation>
    </message>
    <message>
        <source>Table file</source>
        <translation>Archivo de tabla</translation>
    </message>
    <message>
        <source>Join to layer</source>
        <translation>Unir a la capa</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Unión</translation>
    </message>
    <message>
        <source>Layer key column</source>
        <translation>Columna clave de la capa</translation>
    </message>
    <message>
        <source>Table key column</source>
        <translation>Columna clave de la tabla</translation>
    </message>
    <message>
        <source>Value column</source>
        <translation>Columna de valores</translation>
    </message>
    <message>
        <source>Rows sharing a key or feature</source>
        <translation>Filas que comparten clave o entidad</translation>
    </message>
    <message>
        <source>Time column</source>
        <translation>Columna de tiempo</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Store time series in</source>
        <translation>Guardar las series temporales en</translation>
    </message>
    <message>
        <source>{rows} rows will be placed in the features of &apos;{layer}&apos; by their coordinates.</source>
        <translation>Se colocarán {rows} filas en las entidades de «{layer}» según sus coordenadas.</translation>
    </message>
    <message>
        <source>Choose the key columns.</source>
        <translation>Elija las columnas clave.</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched; {unmatched} key(s) of the table match none.</source>
        <translation>{matched} de {total} edificios coinciden; {unmatched} clave(s) de la tabla no coinciden con ninguno.</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched.</source>
        <translation>{matched} de {total} edificios coinciden.</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched; {unmatched} key(s) of the table match none.</source>
        <translation>{matched} de {total} entidades coinciden; {unmatched} clave(s) de la tabla no coinciden con ninguna.</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched.</source>
        <translation>{matched} de {total} entidades coinciden.</translation>
    </message>
    <message>
        <source>Choose a table file and the layer to join it to.</source>
        <translation>Elija un archivo de tabla y la capa a la que unirlo.</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>Todavía no está listo</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then import the table.</source>
        <translation>Espere a que la ciudad termine de cargarse e importe entonces la tabla.</translation>
    </message>
    <message>
        <source>The table could not be joined</source>
        <translation>No se pudo unir la tabla</translation>
    </message>
    <message>
        <source>Importing {table}</source>
        <translation>Importando {table}</translation>
    </message>
</context>
<context>
    <name>TableJoinWorker</name>
    <message>
        <source>Joining {table}…</source>
        <translation>Uniendo {table}…</translation>
    </message>
    <message>
        <source>The table &apos;{table}&apos; could not be joined</source>
        <translation>No se pudo unir la tabla «{table}»</translation>
    </message>
</context>
<context>
    <name>TimeBar</name>
    <message>
        <source>&apos;{text}&apos; is not a time: type 17:30, 17:30:15 or 2022-02-22 17:30.</source>
        <translation>«{text}» no es una hora: escriba 17:30, 17:30:15 o 2022-02-22 17:30.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a time that exists: {reason}.</source>
        <translation>«{text}» no es una hora que exista: {reason}.</translation>
    </message>
    <message>
        <source>Replay speed (× real time)</source>
        <extracomment>the user moved the clock (play, pause, speed, jump, live): the window shows the new time at once</extracomment>
        <translation>Velocidad de reproducción (× tiempo real)</translation>
    </message>
    <message>
        <source>Drag to any moment the store holds</source>
        <translation>Arrastre a cualquier momento que guarde el almacén</translation>
    </message>
    <message>
        <source>jump to 17:30</source>
        <translation>ir a las 17:30</translation>
    </message>
    <message>
        <source>Type a time (17:30, or 2022-02-22 17:30) in the city&apos;s time zone, then Enter</source>
        <translation>Escriba una hora (17:30 o 2022-02-22 17:30) en la zona horaria de la ciudad y pulse Intro</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En directo</translation>
    </message>
    <message>
        <source>Follow the newest data the feeds have stored</source>
        <translation>Seguir los datos más recientes que han guardado los flujos</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>Reproducir desde aquí</translation>
    </message>
</context>
<context>
    <name>TransitMode</name>
    <message>
        <source>Bus</source>
        <translation>Autobús</translation>
    </message>
    <message>
        <source>Tram</source>
        <translation>Tranvía</translation>
    </message>
    <message>
        <source>Rail</source>
        <translation>Tren</translation>
    </message>
    <message>
        <source>Metro</source>
        <translation>Metropolitano</translation>
    </message>
    <message>
        <source>Ferry</source>
        <translation>Ferri</translation>
    </message>
</context>
<context>
    <name>Workshop</name>
    <message>
        <source>New &amp;project…</source>
        <extracomment>the chooser&apos;s entry for &quot;no scenario&quot;</extracomment>
        <translation>Nuevo &amp;proyecto…</translation>
    </message>
    <message>
        <source>Open p&amp;roject…</source>
        <translation>Abrir p&amp;royecto…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>&amp;Guardar proyecto</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>Guardar proyecto co&amp;mo…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>Taller</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>Escenario:</translation>
    </message>
    <message>
        <source>The scenario shown in 3D and edited; Baseline is the city as it is.</source>
        <translation>El escenario que se muestra en 3D y se edita; «Situación actual» es la ciudad tal como es.</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situación actual</translation>
    </message>
    <message>
        <source>New scenario…</source>
        <translation>Nuevo escenario…</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Deshacer: {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;Rehacer: {what}</translation>
    </message>
    <message>
        <source>twin_app project (*.twinproj.gpkg *.gpkg)</source>
        <translation>Proyecto de twin_app (*.twinproj.gpkg *.gpkg)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Nuevo proyecto</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Abrir proyecto</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>Guardar proyecto como</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>Nuevo escenario</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>Nombre del nuevo escenario:</translation>
    </message>
</context>
<context>
    <name>WorkshopSession</name>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <extracomment>milliseconds between autosaves (a checkpoint of the journalled changes) after an edit, undo or redo of the active scenario, once the shown model is in sync the city&apos;s own layers, kept aside while a scenario shows its copies ids of the layers the scenario put in the shown model (copies, or layers it added)</extracomment>
        <translation>Empiece o abra primero un proyecto (Archivo → Nuevo proyecto…).</translation>
    </message>
    <message>
        <source>Open a city first; a project belongs to a city.</source>
        <translation>Abra primero una ciudad; cada proyecto pertenece a una ciudad.</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>¿Recuperar los cambios sin guardar?</translation>
    </message>
    <message>
        <source>The project {name} has {count} changes made after it was last saved (the app did not close normally). Recover them? No drops them and opens the project as last saved.</source>
        <translation>El proyecto {name} tiene {count} cambios hechos después de guardarlo por última vez (la aplicación no se cerró con normalidad). ¿Recuperarlos? «No» los descarta y abre el proyecto tal como se guardó por última vez.</translation>
    </message>
    <message>
        <source>The project could not be saved: {why}</source>
        <translation>No se pudo guardar el proyecto: {why}</translation>
    </message>
    <message>
        <source>The baseline is never changed: choose or create a scenario to edit.</source>
        <translation>La situación actual nunca se modifica: elija o cree un escenario para editar.</translation>
    </message>
    <message>
        <source>Open a city first; a viewpoint is a view of it.</source>
        <translation>Abra primero una ciudad; un punto de vista es una vista de ella.</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
</context>
</TS>
