<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AnalysisWorker</name>
    <message>
        <source>The analysis stopped because of an unexpected error ({error}).</source>
        <translation>L&apos;analyse s&apos;est arrêtée à cause d&apos;une erreur inattendue ({error}).</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Run an analysis to see results</source>
        <translation>Lancez une analyse pour voir les résultats</translation>
    </message>
</context>
<context>
    <name>BuildingDialog</name>
    <message>
        <source>Building {key}</source>
        <translation>Bâtiment {key}</translation>
    </message>
    <message>
        <source>Now {height} m tall, used as: {use}.</source>
        <translation>Hauteur actuelle : {height} m ; usage : {use}.</translation>
    </message>
    <message>
        <source>Height unknown, used as: {use}.</source>
        <translation>Hauteur inconnue ; usage : {use}.</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Hauteur</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Usage</translation>
    </message>
</context>
<context>
    <name>CompareViews</name>
    <message>
        <source>Compare side by side</source>
        <translation>Comparer côte à côte</translation>
    </message>
    <message>
        <source>The baseline in a second view beside the scenario, cameras linked</source>
        <translation>L&apos;état actuel dans une seconde vue à côté du scénario, caméras liées</translation>
    </message>
    <message>
        <source>Swipe baseline and scenario</source>
        <translation>Balayer entre situation actuelle et scénario</translation>
    </message>
    <message>
        <source>One picture: the baseline left of a divider you drag, the scenario right of it</source>
        <translation>Une seule image : l&apos;état actuel à gauche d&apos;un séparateur que l&apos;on fait glisser, le scénario à sa droite</translation>
    </message>
    <message>
        <source>Open a city first, then compare.</source>
        <translation>Ouvrez d&apos;abord une ville, puis comparez.</translation>
    </message>
    <message>
        <source>Scenario: {name}</source>
        <translation>Scénario : {name}</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>État actuel</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Scenario comparison</source>
        <translation>Comparaison de scénarios</translation>
    </message>
</context>
<context>
    <name>ComparisonPanel</name>
    <message>
        <source>Run an analysis, then choose or edit a scenario to compare it.</source>
        <translation>Lancez une analyse, puis choisissez ou modifiez un scénario pour le comparer.</translation>
    </message>
    <message>
        <source>Show the change in 3D</source>
        <translation>Afficher le changement en 3D</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Quartier</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>État actuel</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Tendance</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>Scenario “{scenario}” against the baseline</source>
        <translation>Scénario « {scenario} » par rapport à l&apos;état actuel</translation>
    </message>
    <message>
        <source>percentage points</source>
        <translation>points de pourcentage</translation>
    </message>
    <message>
        <source>Changes are in {unit}.</source>
        <translation>Les changements sont exprimés en {unit}.</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>Ville entière</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>aucune valeur</translation>
    </message>
    <message>
        <source>▲ up</source>
        <translation>▲ en hausse</translation>
    </message>
    <message>
        <source>▼ down</source>
        <translation>▼ en baisse</translation>
    </message>
    <message>
        <source>▲ better</source>
        <translation>▲ mieux</translation>
    </message>
    <message>
        <source>▲ worse</source>
        <translation>▲ moins bien</translation>
    </message>
    <message>
        <source>▼ better</source>
        <translation>▼ mieux</translation>
    </message>
    <message>
        <source>▼ worse</source>
        <translation>▼ moins bien</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>The baseline is shown: choose or create a scenario to compare.</source>
        <translation>L&apos;état actuel est affiché : choisissez ou créez un scénario à comparer.</translation>
    </message>
    <message>
        <source>= no change</source>
        <translation>= inchangé</translation>
    </message>
</context>
<context>
    <name>ComparisonSession</name>
    <message>
        <source>Updating the indicators</source>
        <translation>Mise à jour des indicateurs</translation>
    </message>
    <message>
        <source>Scenario comparison</source>
        <translation>Comparaison de scénarios</translation>
    </message>
    <message>
        <source>Change in {indicator}</source>
        <translation>Changement : {indicator}</translation>
    </message>
</context>
<context>
    <name>ConnectFeedDialog</name>
    <message>
        <source>Connect feed</source>
        <translation>Connecter un flux</translation>
    </message>
    <message>
        <source>{title} ({schemes}; built-in)</source>
        <translation>{title} ({schemes}&#xa0;; intégrée)</translation>
    </message>
    <message>
        <source>{title} ({schemes}; from {package})</source>
        <translation>{title} ({schemes}&#xa0;; fournie par {package})</translation>
    </message>
    <message>
        <source>{title} ({schemes}; plugin)</source>
        <translation>{title} ({schemes}&#xa0;; extension)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>shown in the feed panel and the layer list</source>
        <translation>affiché dans le panneau des flux et la liste des couches</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connecter</translation>
    </message>
    <message>
        <source>Give the feed&apos;s address, such as {example}.</source>
        <translation>Indiquez l&apos;adresse du flux, par exemple {example}.</translation>
    </message>
</context>
<context>
    <name>ControlBar</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Précédent</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Suivant ▶</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Quitter</translation>
    </message>
</context>
<context>
    <name>DistrictPanel</name>
    <message>
        <source>All selected</source>
        <extracomment>the row of the whole selection (English source, as a district key; shown translated)</extracomment>
        <translation>Toute la sélection</translation>
    </message>
    <message>
        <source>Districts (none ticked = all)</source>
        <translation>Quartiers (aucun coché = tous)</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Graphique</translation>
    </message>
    <message>
        <source>Provenance…</source>
        <translation>Traçabilité…</translation>
    </message>
    <message>
        <source>No analysis run yet.</source>
        <translation>Aucune analyse n&apos;a encore été lancée.</translation>
    </message>
    <message>
        <source>{definition}
(key: {key})</source>
        <translation>{definition}
(clé&#xa0;: {key})</translation>
    </message>
</context>
<context>
    <name>EditTools</name>
    <message>
        <source>Add stop</source>
        <extracomment>the marker following the mouse moves at most this often (milliseconds) a click within this many pixels of a street, stop or tree finds it even when that is many metres an edit was handed to the workshop (accepted or refused): the tool&apos;s name a marker follows the mouse where a click would put a stop; None: decided by the OpenGL (off on a software one, where each redraw takes about a second)</extracomment>
        <translation>Ajouter un arrêt</translation>
    </message>
    <message>
        <source>Click near a street: a new stop is placed on it</source>
        <translation>Cliquez près d&apos;une rue : un nouvel arrêt y est placé</translation>
    </message>
    <message>
        <source>Move stop</source>
        <translation>Déplacer un arrêt</translation>
    </message>
    <message>
        <source>Click a stop, then its new place on a street</source>
        <translation>Cliquez sur un arrêt, puis sur sa nouvelle place dans une rue</translation>
    </message>
    <message>
        <source>Remove stop</source>
        <translation>Supprimer un arrêt</translation>
    </message>
    <message>
        <source>Click a stop to remove it</source>
        <translation>Cliquez sur un arrêt pour le supprimer</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <source>Click stops or street points in order; double-click or Enter finishes, Esc cancels</source>
        <translation>Cliquez dans l&apos;ordre sur des arrêts ou des points de rue ; un double-clic ou Entrée termine, Échap annule</translation>
    </message>
    <message>
        <source>Add trees</source>
        <translation>Ajouter des arbres</translation>
    </message>
    <message>
        <source>Each click plants a tree</source>
        <translation>Chaque clic plante un arbre</translation>
    </message>
    <message>
        <source>Remove trees</source>
        <translation>Supprimer des arbres</translation>
    </message>
    <message>
        <source>Click a tree to remove it</source>
        <translation>Cliquez sur un arbre pour le supprimer</translation>
    </message>
    <message>
        <source>Draw green area</source>
        <translation>Dessiner un espace vert</translation>
    </message>
    <message>
        <source>Click the corners of a park; double-click or Enter closes it, Esc cancels</source>
        <translation>Cliquez sur les coins d&apos;un parc ; un double-clic ou Entrée le ferme, Échap annule</translation>
    </message>
    <message>
        <source>Remove green area</source>
        <translation>Supprimer un espace vert</translation>
    </message>
    <message>
        <source>Click a park or green area to remove it</source>
        <translation>Cliquez sur un parc ou un espace vert pour le supprimer</translation>
    </message>
    <message>
        <source>Building height / use</source>
        <translation>Hauteur / usage du bâtiment</translation>
    </message>
    <message>
        <source>Click a building to change its height or use</source>
        <translation>Cliquez sur un bâtiment pour changer sa hauteur ou son usage</translation>
    </message>
    <message>
        <source>Car-free street</source>
        <translation>Rue sans voitures</translation>
    </message>
    <message>
        <source>Click a street to make it car-free</source>
        <translation>Cliquez sur une rue pour la fermer aux voitures</translation>
    </message>
    <message>
        <source>Edit scenario</source>
        <translation>Modifier le scénario</translation>
    </message>
    <message>
        <source>New stops:</source>
        <translation>Nouveaux arrêts :</translation>
    </message>
    <message>
        <source>The mode of the stops the Add stop tool places</source>
        <translation>Le mode de transport des arrêts que place l&apos;outil Ajouter un arrêt</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <source>Finish the line or the green area being drawn (Enter)</source>
        <translation>Terminer la ligne ou l&apos;espace vert en cours de dessin (Entrée)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Drop what is being drawn (Esc)</source>
        <translation>Abandonner le dessin en cours (Échap)</translation>
    </message>
    <message>
        <source>Click on the city, not the sky.</source>
        <translation>Cliquez sur la ville, pas sur le ciel.</translation>
    </message>
    <message>
        <source>Done: {what}. Undo with Ctrl+Z.</source>
        <translation>Fait : {what}. Annulez avec Ctrl+Z.</translation>
    </message>
    <message>
        <source>No street within {metres} m of the click; click nearer a street.</source>
        <translation>Aucune rue à moins de {metres} m du clic ; cliquez plus près d&apos;une rue.</translation>
    </message>
    <message>
        <source>No stop there; click on a stop.</source>
        <translation>Il n&apos;y a pas d&apos;arrêt ici ; cliquez sur un arrêt.</translation>
    </message>
    <message>
        <source>New stop {number}</source>
        <translation>Nouvel arrêt {number}</translation>
    </message>
    <message>
        <source>Now click the new place of the stop {stop}.</source>
        <translation>Cliquez maintenant sur la nouvelle place de l&apos;arrêt {stop}.</translation>
    </message>
    <message>
        <source>{count} stops so far; double-click or press Enter to finish.</source>
        <translation>Arrêts jusqu&apos;ici : {count} ; double-cliquez ou appuyez sur Entrée pour terminer.</translation>
    </message>
    <message>
        <source>A line needs at least two stops; click another one.</source>
        <translation>Une ligne a besoin d&apos;au moins deux arrêts ; cliquez sur un autre.</translation>
    </message>
    <message>
        <source>New line {number}</source>
        <translation>Nouvelle ligne {number}</translation>
    </message>
    <message>
        <source>No tree there; click on a tree.</source>
        <translation>Il n&apos;y a pas d&apos;arbre ici ; cliquez sur un arbre.</translation>
    </message>
    <message>
        <source>{count} corners so far; double-click or press Enter to close the area.</source>
        <translation>Coins jusqu&apos;ici : {count} ; double-cliquez ou appuyez sur Entrée pour fermer l&apos;espace.</translation>
    </message>
    <message>
        <source>A green area needs at least three corners; click another one.</source>
        <translation>Un espace vert a besoin d&apos;au moins trois coins ; cliquez sur un autre.</translation>
    </message>
    <message>
        <source>This outline crosses itself or encloses nothing, so it cannot be a green area; press Esc and draw it again without crossing lines.</source>
        <translation>Ce contour se croise lui-même ou n&apos;entoure rien : il ne peut pas être un espace vert ; appuyez sur Échap et redessinez-le sans croiser de lignes.</translation>
    </message>
    <message>
        <source>New green area</source>
        <translation>Nouvel espace vert</translation>
    </message>
    <message>
        <source>No park or green area there; click inside one.</source>
        <translation>Il n&apos;y a ni parc ni espace vert ici ; cliquez à l&apos;intérieur de l&apos;un d&apos;eux.</translation>
    </message>
    <message>
        <source>No building there; click on a building.</source>
        <translation>Il n&apos;y a pas de bâtiment ici ; cliquez sur un bâtiment.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>1280×720 (HD)</source>
        <extracomment>the sizes offered besides the view&apos;s own (the largest is the export limit)</extracomment>
        <translation>1280×720 (haute définition)</translation>
    </message>
    <message>
        <source>1920×1080 (Full HD, slides)</source>
        <translation>1920×1080 (Full HD, diapositives)</translation>
    </message>
    <message>
        <source>3840×2160 (4K, posters)</source>
        <translation>3840×2160 (4K, affiches)</translation>
    </message>
    <message>
        <source>As the view ({width}×{height})</source>
        <translation>Comme la vue ({width}×{height})</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Exporter la vue</translation>
    </message>
    <message>
        <source>Image size (text scales with it):</source>
        <translation>Taille de l&apos;image (le texte s&apos;y adapte)&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ExportPinsDialog</name>
    <message>
        <source>Export feedback pins</source>
        <translation>Exporter les épingles d&apos;avis</translation>
    </message>
    <message>
        <source>The {count} pins listed are exported. The file&apos;s ending chooses its format: .gpkg (GeoPackage), .geojson (GeoJSON) or .csv (a table).</source>
        <translation>Les {count} épingles de la liste sont exportées. L&apos;extension du fichier choisit le format : .gpkg (GeoPackage), .geojson (GeoJSON) ou .csv (un tableau).</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Include residents&apos; names</source>
        <translation>Inclure les noms des habitants</translation>
    </message>
    <message>
        <source>Names are personal data: export them only where residents agreed.</source>
        <translation>Les noms sont des données personnelles : ne les exportez que si les habitants l&apos;ont accepté.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>Fichier GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>Fichier GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Tableau CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>FeedPanel</name>
    <message>
        <source>Feed</source>
        <extracomment>at most this often (ms): twice a second reads as live and costs nothing under a flood a rate worked out from counts is averaged over this many seconds (feeds deliver in bursts) the columns, by their English names (``row_texts``&apos; keys); the headers show them translated</extracomment>
        <translation>Flux</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation>msg/s</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Stockés</translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation>Mal formés</translation>
    </message>
    <message>
        <source>connecting</source>
        <extracomment>what ``row_texts`` calls the line under a feed&apos;s row that shows its last error each state as the panel says it</extracomment>
        <translation>connexion en cours</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connecté</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconnexion en cours</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <source>{title}
source: {source}
stored as: {id}</source>
        <translation>{title}
source&#xa0;: {source}
stocké sous&#xa0;: {id}</translation>
    </message>
    <message>
        <source>Simulated: {statement}</source>
        <extracomment>each feed&apos;s (monotonic time, messages received) over the last RATE_WINDOW_S (for a rate)</extracomment>
        <translation>Simulé&#xa0;: {statement}</translation>
    </message>
    <message>
        <source>Malformed messages: {count}. For example:
{samples}</source>
        <translation>Messages mal formés&#xa0;: {count}. Par exemple&#xa0;:
{samples}</translation>
    </message>
    <message>
        <source>Last error: {error}</source>
        <translation>Dernière erreur&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>FeedbackDock</name>
    <message>
        <source>Feedback</source>
        <translation>Avis</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <source>Feedback pins are kept in a project. Start one with File → New project… (or open one), then drop pins on the map.</source>
        <translation>Les épingles d&apos;avis sont conservées dans un projet. Créez-en un avec Fichier → Nouveau projet… (ou ouvrez-en un), puis déposez des épingles sur la carte.</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Nouveau projet…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Active scenario</source>
        <translation>Scénario actif</translation>
    </message>
    <message>
        <source>All scenarios</source>
        <translation>Tous les scénarios</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Déplacer</translation>
    </message>
    <message>
        <source>Then click the pin&apos;s new place in the 3D view</source>
        <translation>Cliquez ensuite sur le nouvel emplacement de l&apos;épingle dans la vue 3D</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>Idée</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>J&apos;aime</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind} : {count}</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situation actuelle</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
</context>
<context>
    <name>ImportWorker</name>
    <message>
        <source>Building the city &apos;{name}&apos;…</source>
        <translation>Construction de la ville «&#xa0;{name}&#xa0;»…</translation>
    </message>
    <message>
        <source>The city &apos;{name}&apos; could not be built</source>
        <translation>La ville «&#xa0;{name}&#xa0;» n&apos;a pas pu être construite</translation>
    </message>
</context>
<context>
    <name>InfoPanel</name>
    <message>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <extracomment>(level, source, text) for the messages panel</extracomment>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop the running job (and drop the waiting ones)</source>
        <translation>Arrêter la tâche en cours (et abandonner celles en attente)</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Cancelling {job}…</source>
        <translation>Annulation de {job}…</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Waiting jobs dropped: {count}.</source>
        <translation>Tâches en attente abandonnées&#xa0;: {count}.</translation>
    </message>
    <message>
        <source>{job} (+{count} waiting)</source>
        <translation>{job} (+{count} en attente)</translation>
    </message>
    <message>
        <source>Running: {job}</source>
        <translation>En cours&#xa0;: {job}</translation>
    </message>
    <message>
        <source>Waiting: {job}</source>
        <translation>En attente&#xa0;: {job}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>No installed font has the letters of {language}, so its text may show as empty boxes. Install a CJK font (on Debian or Ubuntu: sudo apt-get install fonts-noto-cjk), then start twin_app again.</source>
        <extracomment>the compiled Qt translations of twin_app&apos;s own texts where the chosen language is kept between runs (QSettings organisation, application, key) the writing system each language needs a font for (Latin ones are in every font) Qt&apos;s locale for each code (the one whose ``qtbase_*.qm`` and number formats fit) the dynamic property on which :func:`keep_translated` keeps a widget&apos;s source texts Qt ships some of its own translations only for one country&apos;s variant</extracomment>
        <translation>Aucune police installée ne contient les caractères de la langue {language}&#xa0;: son texte risque de s&apos;afficher sous forme de carrés vides. Installez une police CJK (sous Debian ou Ubuntu&#xa0;: sudo apt-get install fonts-noto-cjk), puis relancez twin_app.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>(single colour)</source>
        <extracomment>the colour-by choice that means &quot;no column&quot; (English source; shown translated)</extracomment>
        <translation>(couleur unique)</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Entités</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>Colorer selon</translation>
    </message>
</context>
<context>
    <name>LegendDock</name>
    <message>
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <source>What the colours on the map mean</source>
        <extracomment>the dock keeps at least this height (pixels) for its first entry</extracomment>
        <translation>Ce que signifient les couleurs de la carte</translation>
    </message>
    <message>
        <source>No coloured layer is shown.</source>
        <translation>Aucune couche colorée n&apos;est affichée.</translation>
    </message>
</context>
<context>
    <name>LineDialog</name>
    <message>
        <source>New line</source>
        <extracomment>the transit modes a new stop or line may have (the names ``timetable.mode_name`` gives GTFS routes) building uses offered first (any other OSM ``building`` value can be typed)</extracomment>
        <translation>Nouvelle ligne</translation>
    </message>
    <message>
        <source>A line through {count} stops.</source>
        <translation>Une ligne desservant {count} arrêts.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode de transport</translation>
    </message>
    <message>
        <source> per hour</source>
        <translation> par heure</translation>
    </message>
    <message>
        <source>Departures each way</source>
        <translation>Départs dans chaque sens</translation>
    </message>
</context>
<context>
    <name>LiveSession</name>
    <message>
        <source>{station} reads {reading} at {time}: beyond {rule}.</source>
        <extracomment>tests and portable installs put the live stores here instead of the user&apos;s data folder how far behind the newest observation live mode shows (s): two fixes of a 1 Hz feed and some slack the feed panel is refreshed this often (s), by the frame timer: at most twice a second the span the slider covers is read again this often (s): it grows as the feeds store more extra references to None, topped up while the live timer runs (see :func:`keep_none_alive`) the duration of the last frames&apos; work on the clock and playback (s) the duration of the last redraws of the view (s), whatever asked for them</extracomment>
        <translation>{station} indique {reading} à {time}&#xa0;: au-delà de {rule}.</translation>
    </message>
    <message>
        <source>{station} reads {reading} at {time}: beyond its threshold.</source>
        <translation>{station} indique {reading} à {time}&#xa0;: au-delà de son seuil.</translation>
    </message>
</context>
<context>
    <name>LoadWorker</name>
    <message>
        <source>Opening {file}…</source>
        <translation>Ouverture de {file}…</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; could not be opened</source>
        <translation>«&#xa0;{path}&#xa0;» n&apos;a pas pu être ouvert</translation>
    </message>
    <message>
        <source>Loading the city &apos;{city}&apos; stopped</source>
        <translation>Le chargement de la ville «&#xa0;{city}&#xa0;» s&apos;est arrêté</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Preparing the 3D view…</source>
        <extracomment>while a city loads, redraw at most this often (a small city is drawn once, at the end) the city&apos;s layers have all been loaded (a scenario is shown on them only then) the raw parameters each analysis was last run with in this window (the report uses them)</extracomment>
        <translation>Préparation de la vue 3D…</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>Entité</translation>
    </message>
    <message>
        <source>Districts and results</source>
        <translation>Quartiers et résultats</translation>
    </message>
    <message>
        <source>Data sources</source>
        <translation>Sources des données</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>click tools added by panels (pins, scenario editing): action → handler(x, y)</extracomment>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;city…</source>
        <translation>Ouvrir une &amp;ville…</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>&amp;Ouvrir des fichiers…</translation>
    </message>
    <message>
        <source>&amp;New city from files…</source>
        <translation>&amp;Nouvelle ville à partir de fichiers…</translation>
    </message>
    <message>
        <source>Import &amp;table…</source>
        <translation>Importer un &amp;tableau…</translation>
    </message>
    <message>
        <source>Connect &amp;feed…</source>
        <translation>Connecter un f&amp;lux…</translation>
    </message>
    <message>
        <source>&amp;Export view as PNG…</source>
        <translation>&amp;Exporter la vue en PNG…</translation>
    </message>
    <message>
        <source>Export scene as &amp;glTF…</source>
        <translation>Exporter la scène en &amp;glTF…</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>&amp;Rapport…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Analyses</source>
        <translation>A&amp;nalyses</translation>
    </message>
    <message>
        <source>{name} (could not be loaded)</source>
        <translation>{name} (n&apos;a pas pu être chargée)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;ffichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Data sources and licences</source>
        <translation>Sources des données et licences</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Vue</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Frame the whole city again (Home, H or R in the 3D view)</source>
        <translation>Recadrer toute la ville (Début, H ou R dans la vue 3D)</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>Capture d&apos;écran</translation>
    </message>
    <message>
        <source>Save the 3D view as a PNG image</source>
        <translation>Enregistrer la vue 3D en image PNG</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>Identifier</translation>
    </message>
    <message>
        <source>Click a feature to see its attributes and results</source>
        <translation>Cliquez sur une entité pour voir ses attributs et ses résultats</translation>
    </message>
    <message>
        <source>Select districts</source>
        <translation>Sélectionner des quartiers</translation>
    </message>
    <message>
        <source>While on, clicking in the 3D view ticks or unticks a district.</source>
        <translation>Tant que ce mode est actif, un clic dans la vue 3D coche ou décoche un quartier.</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mesurer</translation>
    </message>
    <message>
        <source>Click two or more points to measure the distance along them on the map; Esc clears</source>
        <translation>Cliquez sur deux points ou plus pour mesurer la distance qui les relie sur la carte&#xa0;; Échap efface</translation>
    </message>
    <message>
        <source>Click on the city to measure.</source>
        <translation>Cliquez sur la ville pour mesurer.</translation>
    </message>
    <message>
        <source>Measure: click the next point (Esc clears).</source>
        <translation>Mesure&#xa0;: cliquez sur le point suivant (Échap efface).</translation>
    </message>
    <message>
        <source>Distance on the map: {distance} (Esc clears)</source>
        <translation>Distance sur la carte&#xa0;: {distance} (Échap efface)</translation>
    </message>
    <message>
        <source>Measurement cleared.</source>
        <translation>Mesure effacée.</translation>
    </message>
    <message>
        <source>Starting the 3D view…</source>
        <translation>Démarrage de la vue 3D…</translation>
    </message>
    <message>
        <source>Districts: {names}</source>
        <translation>Quartiers&#xa0;: {names}</translation>
    </message>
    <message>
        <source>Districts: all</source>
        <translation>Quartiers&#xa0;: tous</translation>
    </message>
    <message>
        <source>Nothing to identify there.</source>
        <translation>Rien à identifier à cet endroit.</translation>
    </message>
    <message>
        <source>{layer}: feature {feature}</source>
        <translation>{layer}&#xa0;: entité {feature}</translation>
    </message>
    <message>
        <source>The city could not be opened</source>
        <translation>La ville n&apos;a pas pu être ouverte</translation>
    </message>
    <message>
        <source>Loading {city}</source>
        <translation>Chargement de {city}</translation>
    </message>
    <message>
        <source>Opening {files}</source>
        <translation>Ouverture de {files}</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>Pas encore prêt</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then run the analysis.</source>
        <translation>Attendez la fin du chargement de la ville, puis lancez l&apos;analyse.</translation>
    </message>
    <message>
        <source>The analysis is not available</source>
        <translation>L&apos;analyse n&apos;est pas disponible</translation>
    </message>
    <message>
        <source>Analysis {name}</source>
        <translation>Analyse {name}</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>The analysis could not finish</source>
        <translation>L&apos;analyse n&apos;a pas pu aboutir</translation>
    </message>
    <message>
        <source>Analysis cancelled.</source>
        <translation>Analyse annulée.</translation>
    </message>
    <message>
        <source>Analysis finished.</source>
        <translation>Analyse terminée.</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>Chargement annulé.</translation>
    </message>
    <message>
        <source>Ready. Layers: {count}.</source>
        <translation>Prêt. Couches&#xa0;: {count}.</translation>
    </message>
    <message>
        <source>Some data could not be loaded</source>
        <translation>Certaines données n&apos;ont pas pu être chargées</translation>
    </message>
    <message>
        <source>Open a city folder (with city.toml)</source>
        <translation>Ouvrir un dossier de ville (avec city.toml)</translation>
    </message>
    <message>
        <source>Open data files</source>
        <translation>Ouvrir des fichiers de données</translation>
    </message>
    <message>
        <source>Data ({patterns});;All files (*)</source>
        <translation>Données ({patterns});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>This window cannot start feeds yet; ingest it with &apos;twin-app feed ingest&apos;.</source>
        <translation>Cette fenêtre ne peut pas encore démarrer de flux&#xa0;; ingérez-le avec «&#xa0;twin-app feed ingest&#xa0;».</translation>
    </message>
    <message>
        <source>Building the city {name}</source>
        <translation>Construction de la ville {name}</translation>
    </message>
    <message>
        <source>New city</source>
        <translation>Nouvelle ville</translation>
    </message>
    <message>
        <source>The city could not be created</source>
        <translation>La ville n&apos;a pas pu être créée</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>Exporter la vue</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>The view could not be exported</source>
        <translation>La vue n&apos;a pas pu être exportée</translation>
    </message>
    <message>
        <source>There is no view to export yet: open a city first.</source>
        <translation>Il n&apos;y a pas encore de vue à exporter&#xa0;: ouvrez d&apos;abord une ville.</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Enregistré&#xa0;: {path}</translation>
    </message>
    <message>
        <source>Export scene</source>
        <translation>Exporter la scène</translation>
    </message>
    <message>
        <source>Binary glTF (*.glb)</source>
        <translation>glTF binaire (*.glb)</translation>
    </message>
    <message>
        <source>The scene could not be exported</source>
        <translation>La scène n&apos;a pas pu être exportée</translation>
    </message>
    <message>
        <source>The scene was saved to {path}.</source>
        <translation>La scène a été enregistrée dans {path}.</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then make the report.</source>
        <translation>Attendez la fin du chargement de la ville, puis créez le rapport.</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The report was saved to {path}.</source>
        <translation>Le rapport a été enregistré dans {path}.</translation>
    </message>
    <message>
        <source>The report could not be made</source>
        <translation>Le rapport n&apos;a pas pu être créé</translation>
    </message>
    <message>
        <source>No city is open.</source>
        <translation>Aucune ville n&apos;est ouverte.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>source and licence not stated: see the file&apos;s own notes</source>
        <translation>source et licence non indiquées&#xa0;: voir les notes du fichier lui-même</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>Live feeds</source>
        <translation>Flux en direct</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>No city is open</source>
        <translation>Aucune ville n&apos;est ouverte</translation>
    </message>
    <message>
        <source>Open a city first, then connect the feed to it.</source>
        <translation>Ouvrez d&apos;abord une ville, puis connectez-y le flux.</translation>
    </message>
    <message>
        <source>The feed {name} could not start: {reason}</source>
        <translation>Le flux {name} n&apos;a pas pu démarrer&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Simulated data shown, not real-time: {feeds}</source>
        <translation>Données simulées affichées, pas en temps réel&#xa0;: {feeds}</translation>
    </message>
</context>
<context>
    <name>NewCityDialog</name>
    <message>
        <source>New city from files</source>
        <translation>Nouvelle ville à partir de fichiers</translation>
    </message>
    <message>
        <source>Vector files (*.gpkg *.geojson *.shp *.fgb)</source>
        <translation>Fichiers vectoriels (*.gpkg *.geojson *.shp *.fgb)</translation>
    </message>
    <message>
        <source>OpenStreetMap extract</source>
        <translation>Extrait OpenStreetMap</translation>
    </message>
    <message>
        <source>OSM (*.osm *.osm.bz2 *.osm.pbf *.pbf)</source>
        <translation>Données OSM (*.osm *.osm.bz2 *.osm.pbf *.pbf)</translation>
    </message>
    <message>
        <source>GTFS feed</source>
        <translation>Flux GTFS</translation>
    </message>
    <message>
        <source>GTFS (*.zip)</source>
        <translation>Données GTFS (*.zip)</translation>
    </message>
    <message>
        <source>Population grid</source>
        <translation>Grille de population</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>Quartiers</translation>
    </message>
    <message>
        <source>The column of the districts file that holds their names.</source>
        <translation>La colonne du fichier des quartiers qui contient leurs noms.</translation>
    </message>
    <message>
        <source>chosen from the OSM file</source>
        <translation>choisi d&apos;après le fichier OSM</translation>
    </message>
    <message>
        <source>Without a districts file: the OSM admin_level of the districts.</source>
        <translation>Sans fichier de quartiers&#xa0;: l&apos;admin_level OSM des quartiers.</translation>
    </message>
    <message>
        <source>Raster (e.g. heat)</source>
        <translation>Raster (p. ex. chaleur)</translation>
    </message>
    <message>
        <source>Raster (*.tif *.tiff)</source>
        <translation>Images raster (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>as the raster states (e.g. °C)</source>
        <translation>tel qu&apos;indiqué par le raster (p. ex. °C)</translation>
    </message>
    <message>
        <source>© OpenStreetMap contributors (ODbL)</source>
        <extracomment>a credit per given file; empty means &quot;what the file itself says&quot;</extracomment>
        <translation>© contributeurs d&apos;OpenStreetMap (ODbL)</translation>
    </message>
    <message>
        <source>as the file states, if it does</source>
        <translation>ce qu&apos;indique le fichier, s&apos;il le fait</translation>
    </message>
    <message>
        <source>by building type (docs/buildings.md)</source>
        <translation>selon le type de bâtiment (docs/buildings.md)</translation>
    </message>
    <message>
        <source>Parent folder</source>
        <translation>Dossier parent</translation>
    </message>
    <message>
        <source>credit</source>
        <translation>crédit</translation>
    </message>
    <message>
        <source>City name</source>
        <translation>Nom de la ville</translation>
    </message>
    <message>
        <source>OSM file (required)</source>
        <translation>Fichier OSM (obligatoire)</translation>
    </message>
    <message>
        <source>District name column</source>
        <translation>Colonne du nom de quartier</translation>
    </message>
    <message>
        <source>District admin level</source>
        <translation>Niveau administratif des quartiers</translation>
    </message>
    <message>
        <source>Raster</source>
        <translation>Raster</translation>
    </message>
    <message>
        <source>Raster label</source>
        <translation>Libellé du raster</translation>
    </message>
    <message>
        <source>Raster units</source>
        <translation>Unités du raster</translation>
    </message>
    <message>
        <source>Storey height (m)</source>
        <translation>Hauteur d&apos;étage (m)</translation>
    </message>
    <message>
        <source>Default building height (m)</source>
        <translation>Hauteur des bâtiments par défaut (m)</translation>
    </message>
    <message>
        <source>Save in</source>
        <translation>Enregistrer dans</translation>
    </message>
    <message>
        <source>The storey height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>La hauteur d&apos;étage doit être un nombre de mètres, comme 3 ou 2,8, et non «&#xa0;{text}&#xa0;».</translation>
    </message>
    <message>
        <source>The default building height must be a number of metres, like 3 or 2.8, not &apos;{text}&apos;.</source>
        <translation>La hauteur des bâtiments par défaut doit être un nombre de mètres, comme 3 ou 2,8, et non «&#xa0;{text}&#xa0;».</translation>
    </message>
</context>
<context>
    <name>ParamDialog</name>
    <message>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>Tick districts to analyse; none ticked means all.</source>
        <translation>Cochez les quartiers à analyser&#xa0;; si aucun n&apos;est coché, tous le sont.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Drop a feedback pin</source>
        <extracomment>the list&apos;s columns what a filter combo holds for &quot;every category&quot; / &quot;every scenario&quot;</extracomment>
        <translation>Déposer une épingle d&apos;avis</translation>
    </message>
    <message>
        <source>What kind of remark is it?</source>
        <translation>De quel type de remarque s&apos;agit-il ?</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>Idée</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>I like this</source>
        <translation>J&apos;aime ceci</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>What the resident said, in a few words</source>
        <translation>Ce que l&apos;habitant a dit, en quelques mots</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>Nom (facultatif)</translation>
    </message>
    <message>
        <source>Only if the resident wants to give it</source>
        <translation>Seulement si l&apos;habitant souhaite le donner</translation>
    </message>
    <message>
        <source>Drop pin</source>
        <translation>Déposer l&apos;épingle</translation>
    </message>
    <message>
        <source>{count} of {limit} characters</source>
        <translation>{count} sur {limit} caractères</translation>
    </message>
</context>
<context>
    <name>PinsController</name>
    <message>
        <source>Drop pin</source>
        <extracomment>the dialogs open now (tests drive them)</extracomment>
        <translation>Déposer l&apos;épingle</translation>
    </message>
    <message>
        <source>Click in the 3D view where a resident points, then say what they said</source>
        <translation>Cliquez dans la vue 3D là où un habitant montre, puis notez ce qu&apos;il a dit</translation>
    </message>
    <message>
        <source>Move pin</source>
        <translation>Déplacer l&apos;épingle</translation>
    </message>
    <message>
        <source>Click the selected pin&apos;s new place in the 3D view</source>
        <translation>Cliquez sur le nouvel emplacement de l&apos;épingle sélectionnée dans la vue 3D</translation>
    </message>
    <message>
        <source>Start a project first (File → New project…): pins are kept in it.</source>
        <translation>Créez d&apos;abord un projet (Fichier → Nouveau projet…) : les épingles y sont conservées.</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to drop a pin.</source>
        <translation>Cliquez sur la ville, pas sur le ciel, pour déposer une épingle.</translation>
    </message>
    <message>
        <source>Pin {number} dropped and saved in the project.</source>
        <translation>Épingle {number} déposée et enregistrée dans le projet.</translation>
    </message>
    <message>
        <source>Pin {number}: {comment}</source>
        <translation>Épingle {number} : {comment}</translation>
    </message>
    <message>
        <source>Click the pin&apos;s new place in the 3D view.</source>
        <translation>Cliquez sur le nouvel emplacement de l&apos;épingle dans la vue 3D.</translation>
    </message>
    <message>
        <source>Click on the city, not the sky, to move the pin.</source>
        <translation>Cliquez sur la ville, pas sur le ciel, pour déplacer l&apos;épingle.</translation>
    </message>
    <message>
        <source>Pin {number} moved.</source>
        <translation>Épingle {number} déplacée.</translation>
    </message>
    <message>
        <source>Delete the pin?</source>
        <translation>Supprimer l&apos;épingle ?</translation>
    </message>
    <message>
        <source>Delete pin {number} (“{comment}”)? This cannot be undone.</source>
        <translation>Supprimer l&apos;épingle {number} (« {comment} ») ? Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Pin {number} deleted.</source>
        <translation>Épingle {number} supprimée.</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>The pins could not be exported</source>
        <translation>Les épingles n&apos;ont pas pu être exportées</translation>
    </message>
    <message>
        <source>The pins were saved to {path}.</source>
        <translation>Les épingles ont été enregistrées dans {path}.</translation>
    </message>
</context>
<context>
    <name>PinsLegend</name>
    <message>
        <source>Idea</source>
        <translation>Idée</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>J&apos;aime</translation>
    </message>
    <message>
        <source>Feedback pins</source>
        <translation>Épingles d&apos;avis</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind} : {count}</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Presentation</source>
        <translation>Présentation</translation>
    </message>
    <message>
        <source>No story yet</source>
        <translation>Pas encore de parcours</translation>
    </message>
    <message>
        <source>Save views in the Story panel to play them here, one after another.</source>
        <translation>Enregistrez des vues dans le panneau Parcours pour les montrer ici, l’une après l’autre.</translation>
    </message>
    <message>
        <source>Views in the story: {count}</source>
        <translation>Vues du parcours&#xa0;: {count}</translation>
    </message>
    <message>
        <source>Next flies to the first: {name}.</source>
        <translation>«&#xa0;Suivant&#xa0;» vole vers la première&#xa0;: {name}.</translation>
    </message>
    <message>
        <source>{index} of {count}: {name}</source>
        <translation>{index} sur {count}&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Show scenario: {name}</source>
        <translation>Montrer le scénario&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Show baseline</source>
        <translation>Montrer l’état actuel</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>Mode présentation</translation>
    </message>
    <message>
        <source>Show the presentation on:</source>
        <translation>Afficher la présentation sur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>Mode &amp;présentation</translation>
    </message>
    <message>
        <source>The city full screen with the story&apos;s controls (Esc leaves)</source>
        <translation>La ville en plein écran avec les commandes du parcours (Échap pour quitter)</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Layers that could not be shown: {count}. The others are loaded.</source>
        <translation>Couches qui n&apos;ont pas pu être affichées&#xa0;: {count}. Les autres sont chargées.</translation>
    </message>
</context>
<context>
    <name>Provenance</name>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>{title} ({analysis} {version})</source>
        <translation>{title} ({analysis}, version {version})</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <source>{started} to {finished}</source>
        <translation>Du {started} au {finished}</translation>
    </message>
    <message>
        <source>Parameter: {name}</source>
        <translation>Paramètre&#xa0;: {name}</translation>
    </message>
    <message>
        <source>{path}, SHA-256 {digest}…</source>
        <translation>{path}, SHA-256&#xa0;: {digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file), SHA-256 {digest}…</source>
        <translation>créé dans l&apos;application (sans fichier), SHA-256&#xa0;: {digest}…</translation>
    </message>
    <message>
        <source>made in the app (no file)</source>
        <translation>créé dans l&apos;application (sans fichier)</translation>
    </message>
    <message>
        <source>Input: {layer}</source>
        <translation>Entrée&#xa0;: {layer}</translation>
    </message>
    <message>
        <source>Note: {key}</source>
        <translation>Remarque&#xa0;: {key}</translation>
    </message>
</context>
<context>
    <name>ProvenanceDialog</name>
    <message>
        <source>Provenance: {title}</source>
        <translation>Traçabilité&#xa0;: {title}</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Show JSON</source>
        <translation>Afficher le JSON</translation>
    </message>
</context>
<context>
    <name>ReportWorker</name>
    <message>
        <source>The report could not be started ({reason}); try again.</source>
        <extracomment>seconds a cancelled report process gets to end before it is killed</extracomment>
        <translation>Le rapport n&apos;a pas pu être lancé ({reason})&#xa0;; réessayez.</translation>
    </message>
    <message>
        <source>The report failed.</source>
        <translation>Le rapport a échoué.</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>New…</source>
        <extracomment>the item data role holding a scenario&apos;s name (None for the baseline)</extracomment>
        <translation>Nouveau…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <source>No project is open: File → New project… starts one.</source>
        <translation>Aucun projet n&apos;est ouvert : Fichier → Nouveau projet… en crée un.</translation>
    </message>
    <message>
        <source>Click a scenario to show it; the baseline is never changed.</source>
        <translation>Cliquez sur un scénario pour l&apos;afficher ; la situation de référence n&apos;est jamais modifiée.</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Situation de référence</translation>
    </message>
    <message>
        <source>Edits of {scenario} (first to last):</source>
        <translation>Modifications de {scenario} (de la première à la dernière) :</translation>
    </message>
    <message>
        <source>{scenario} has no edits yet: choose a tool in the Edit scenario toolbar.</source>
        <translation>{scenario} n&apos;a encore aucune modification : choisissez un outil dans la barre Modifier le scénario.</translation>
    </message>
    <message>
        <source>Choose or make a scenario to edit the city.</source>
        <translation>Choisissez ou créez un scénario pour modifier la ville.</translation>
    </message>
    <message>
        <source>Undo: {edit}</source>
        <translation>Annuler : {edit}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo: {edit}</source>
        <translation>Rétablir : {edit}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>Nouveau scénario</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>Nom du nouveau scénario :</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>Renommer le scénario</translation>
    </message>
    <message>
        <source>New name of {scenario}:</source>
        <translation>Nouveau nom de {scenario} :</translation>
    </message>
    <message>
        <source>Delete scenario</source>
        <translation>Supprimer le scénario</translation>
    </message>
    <message>
        <source>Delete the scenario {scenario}? Its edits ({count}) are lost; this cannot be undone.</source>
        <translation>Supprimer le scénario {scenario} ? Ses modifications ({count}) seront perdues ; c&apos;est irréversible.</translation>
    </message>
</context>
<context>
    <name>StoryPanel</name>
    <message>
        <source>The story has no viewpoint called &apos;{name}&apos;.</source>
        <translation>Le parcours n’a aucune vue nommée «&#xa0;{name}&#xa0;».</translation>
    </message>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <translation>Créez ou ouvrez d’abord un projet (Fichier → Nouveau projet…).</translation>
    </message>
    <message>
        <source>A viewpoint needs a name; give one, such as &apos;The harbour&apos;.</source>
        <translation>Une vue a besoin d’un nom&#xa0;; donnez-en un, par exemple «&#xa0;Le port&#xa0;».</translation>
    </message>
    <message>
        <source>The story already has a viewpoint called &apos;{name}&apos;; choose another name.</source>
        <translation>Le parcours a déjà une vue nommée «&#xa0;{name}&#xa0;»&#xa0;; choisissez un autre nom.</translation>
    </message>
    <message>
        <source>Open or start a project (File → New project…) to save views and play them as a story.</source>
        <translation>Ouvrez ou créez un projet (Fichier → Nouveau projet…) pour enregistrer des vues et les montrer comme un parcours.</translation>
    </message>
    <message>
        <source>Double-click a view to fly there.</source>
        <translation>Double-cliquez sur une vue pour vous y rendre en vol.</translation>
    </message>
    <message>
        <source>What to say at this view</source>
        <translation>Ce qu’il faut dire à cette vue</translation>
    </message>
    <message>
        <source>Add view</source>
        <translation>Ajouter la vue</translation>
    </message>
    <message>
        <source>Save the 3D view as it is now as the story&apos;s next step</source>
        <translation>Enregistrer la vue 3D telle qu’elle est comme prochaine étape du parcours</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Give the chosen view another name</source>
        <translation>Donner un autre nom à la vue choisie</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Show the chosen view earlier</source>
        <translation>Montrer plus tôt la vue choisie</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Show the chosen view later</source>
        <translation>Montrer plus tard la vue choisie</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Remove the chosen view from the story</source>
        <translation>Retirer la vue choisie du parcours</translation>
    </message>
    <message>
        <source>Fly there</source>
        <translation>S’y rendre</translation>
    </message>
    <message>
        <source>Fly the camera to the chosen view</source>
        <translation>Amener la caméra en vol vers la vue choisie</translation>
    </message>
    <message>
        <source>View {n}</source>
        <translation>Vue {n}</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>Nom de cette vue&#xa0;:</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>Renommer la vue</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nouveau nom&#xa0;:</translation>
    </message>
    <message>
        <source>Story</source>
        <translation>Parcours</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <source>by key</source>
        <translation>par clé</translation>
    </message>
    <message>
        <source>by location</source>
        <translation>par position</translation>
    </message>
    <message>
        <source>(every column of numbers)</source>
        <translation>(toutes les colonnes numériques)</translation>
    </message>
    <message>
        <source>(none: one value per feature)</source>
        <translation>(aucune&#xa0;: une valeur par entité)</translation>
    </message>
    <message>
        <source>refuse repeated keys</source>
        <translation>refuser les clés répétées</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>somme</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <source>Import table</source>
        <translation>Importer un tableau</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tableau</translation>
    </message>
    <message>
        <source>Tables (*.csv *.txt *.gpkg *.geojson *.json);;All files (*)</source>
        <translation>Tableaux (*.csv *.txt *.gpkg *.geojson *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>times carry their UTC offset (the city&apos;s zone is {zone})</source>
        <translation>les heures portent leur décalage UTC (le fuseau de la ville est {zone})</translation>
    </message>
    <message>
        <source>times carry their UTC offset</source>
        <translation>les heures portent leur décalage UTC</translation>
    </message>
    <message>
        <source>The IANA time zone (e.g. Europe/Helsinki) of times written without an offset.</source>
        <translation>Le fuseau horaire IANA (p. ex. Europe/Helsinki) des heures écrites sans décalage.</translation>
    </message>
    <message>
        <source>Observation store</source>
        <translation>Stock d&apos;observations</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>Fichier GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Choose a table.</source>
        <translation>Choisissez un tableau.</translation>
    </message>
    <message>
        <source>Table file</source>
        <translation>Fichier du tableau</translation>
    </message>
    <message>
        <source>Join to layer</source>
        <translation>Joindre à la couche</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Jointure</translation>
    </message>
    <message>
        <source>Layer key column</source>
        <translation>Colonne clé de la couche</translation>
    </message>
    <message>
        <source>Table key column</source>
        <translation>Colonne clé du tableau</translation>
    </message>
    <message>
        <source>Value column</source>
        <translation>Colonne des valeurs</translation>
    </message>
    <message>
        <source>Rows sharing a key or feature</source>
        <translation>Lignes partageant une clé ou une entité</translation>
    </message>
    <message>
        <source>Time column</source>
        <translation>Colonne de temps</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Store time series in</source>
        <translation>Stocker les séries temporelles dans</translation>
    </message>
    <message>
        <source>{rows} rows will be placed in the features of &apos;{layer}&apos; by their coordinates.</source>
        <translation>{rows} lignes seront placées dans les entités de «&#xa0;{layer}&#xa0;» d&apos;après leurs coordonnées.</translation>
    </message>
    <message>
        <source>Choose the key columns.</source>
        <translation>Choisissez les colonnes clés.</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched; {unmatched} key(s) of the table match none.</source>
        <translation>{matched} bâtiments sur {total} correspondent&#xa0;; {unmatched} clé(s) du tableau ne correspondent à aucun.</translation>
    </message>
    <message>
        <source>{matched} of {total} buildings matched.</source>
        <translation>{matched} bâtiments sur {total} correspondent.</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched; {unmatched} key(s) of the table match none.</source>
        <translation>{matched} entités sur {total} correspondent&#xa0;; {unmatched} clé(s) du tableau ne correspondent à aucune.</translation>
    </message>
    <message>
        <source>{matched} of {total} features matched.</source>
        <translation>{matched} entités sur {total} correspondent.</translation>
    </message>
    <message>
        <source>Choose a table file and the layer to join it to.</source>
        <translation>Choisissez un fichier de tableau et la couche à laquelle le joindre.</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>Pas encore prêt</translation>
    </message>
    <message>
        <source>Wait until the city has finished loading, then import the table.</source>
        <translation>Attendez la fin du chargement de la ville, puis importez le tableau.</translation>
    </message>
    <message>
        <source>The table could not be joined</source>
        <translation>Le tableau n&apos;a pas pu être joint</translation>
    </message>
    <message>
        <source>Importing {table}</source>
        <translation>Import de {table}</translation>
    </message>
</context>
<context>
    <name>TableJoinWorker</name>
    <message>
        <source>Joining {table}…</source>
        <translation>Jointure de {table}…</translation>
    </message>
    <message>
        <source>The table &apos;{table}&apos; could not be joined</source>
        <translation>Le tableau «&#xa0;{table}&#xa0;» n&apos;a pas pu être joint</translation>
    </message>
</context>
<context>
    <name>TimeBar</name>
    <message>
        <source>&apos;{text}&apos; is not a time: type 17:30, 17:30:15 or 2022-02-22 17:30.</source>
        <translation>«&#xa0;{text}&#xa0;» n&apos;est pas une heure&#xa0;: tapez 17:30, 17:30:15 ou 2022-02-22 17:30.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a time that exists: {reason}.</source>
        <translation>«&#xa0;{text}&#xa0;» n&apos;est pas une heure qui existe&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>Replay speed (× real time)</source>
        <extracomment>the user moved the clock (play, pause, speed, jump, live): the window shows the new time at once</extracomment>
        <translation>Vitesse de relecture (× temps réel)</translation>
    </message>
    <message>
        <source>Drag to any moment the store holds</source>
        <translation>Faites glisser vers n&apos;importe quel moment du stock</translation>
    </message>
    <message>
        <source>jump to 17:30</source>
        <translation>aller à 17:30</translation>
    </message>
    <message>
        <source>Type a time (17:30, or 2022-02-22 17:30) in the city&apos;s time zone, then Enter</source>
        <translation>Tapez une heure (17:30 ou 2022-02-22 17:30) dans le fuseau horaire de la ville, puis Entrée</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En direct</translation>
    </message>
    <message>
        <source>Follow the newest data the feeds have stored</source>
        <translation>Suivre les données les plus récentes stockées par les flux</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>Lire à partir d&apos;ici</translation>
    </message>
</context>
<context>
    <name>TransitMode</name>
    <message>
        <source>Bus</source>
        <translation>Autobus</translation>
    </message>
    <message>
        <source>Tram</source>
        <translation>Tramway</translation>
    </message>
    <message>
        <source>Rail</source>
        <translation>Train</translation>
    </message>
    <message>
        <source>Metro</source>
        <translation>Métro</translation>
    </message>
    <message>
        <source>Ferry</source>
        <translation>Bac</translation>
    </message>
</context>
<context>
    <name>Workshop</name>
    <message>
        <source>New &amp;project…</source>
        <extracomment>the chooser&apos;s entry for &quot;no scenario&quot;</extracomment>
        <translation>Nouveau &amp;projet…</translation>
    </message>
    <message>
        <source>Open p&amp;roject…</source>
        <translation>Ouvrir un pro&amp;jet…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>Enregi&amp;strer le projet</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>Enregistrer le projet s&amp;ous…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Workshop</source>
        <translation>Atelier</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>Scénario&#xa0;:</translation>
    </message>
    <message>
        <source>The scenario shown in 3D and edited; Baseline is the city as it is.</source>
        <translation>Le scénario affiché en 3D et modifié&#xa0;; «&#xa0;État actuel&#xa0;» est la ville telle qu&apos;elle est.</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>État actuel</translation>
    </message>
    <message>
        <source>New scenario…</source>
        <translation>Nouveau scénario…</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Annuler&#xa0;: {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;Rétablir&#xa0;: {what}</translation>
    </message>
    <message>
        <source>twin_app project (*.twinproj.gpkg *.gpkg)</source>
        <translation>Projet twin_app (*.twinproj.gpkg *.gpkg)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Nouveau projet</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>Enregistrer le projet sous</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>Nouveau scénario</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>Nom du nouveau scénario&#xa0;:</translation>
    </message>
</context>
<context>
    <name>WorkshopSession</name>
    <message>
        <source>Start or open a project first (File → New project…).</source>
        <extracomment>milliseconds between autosaves (a checkpoint of the journalled changes) after an edit, undo or redo of the active scenario, once the shown model is in sync the city&apos;s own layers, kept aside while a scenario shows its copies ids of the layers the scenario put in the shown model (copies, or layers it added)</extracomment>
        <translation>Commencez ou ouvrez d&apos;abord un projet (Fichier → Nouveau projet…).</translation>
    </message>
    <message>
        <source>Open a city first; a project belongs to a city.</source>
        <translation>Ouvrez d&apos;abord une ville&#xa0;; un projet appartient à une ville.</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>Récupérer les modifications non enregistrées&#xa0;?</translation>
    </message>
    <message>
        <source>The project {name} has {count} changes made after it was last saved (the app did not close normally). Recover them? No drops them and opens the project as last saved.</source>
        <translation>Le projet {name} contient {count} modifications faites après son dernier enregistrement (l&apos;application ne s&apos;est pas fermée normalement). Les récupérer&#xa0;? «&#xa0;Non&#xa0;» les abandonne et ouvre le projet tel qu&apos;il a été enregistré en dernier.</translation>
    </message>
    <message>
        <source>The project could not be saved: {why}</source>
        <translation>Le projet n&apos;a pas pu être enregistré&#xa0;: {why}</translation>
    </message>
    <message>
        <source>The baseline is never changed: choose or create a scenario to edit.</source>
        <translation>L&apos;état actuel n&apos;est jamais modifié&#xa0;: choisissez ou créez un scénario à modifier.</translation>
    </message>
    <message>
        <source>Open a city first; a viewpoint is a view of it.</source>
        <translation>Ouvrez d&apos;abord une ville&#xa0;; un point de vue en est une vue.</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
</context>
</TS>
