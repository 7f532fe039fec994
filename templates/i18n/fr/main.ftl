# atelier — catalogue français (langue par défaut).

switch-language = English
back-home = Retour à l'accueil

## Accueil et participants
home-title = Rejoindre un atelier
home-code-label = Code de participation
home-join = Rejoindre
home-hint = Le code de six caractères est affiché à l'écran de projection.
speakers-count = { $count ->
    [one] Intervenant·e
   *[other] Les { $count } intervenant·es
}
yours = Vos envois
activity-closed = Fermé : cette activité n'accepte plus de réponses pour l'instant.
nothing-yet = Rien pour l'instant.

keywords-title = Mots-clés
keywords-hint = { $count ->
    [one] Encore 1 mot-clé possible : un à trois mots qui caractérisent ce que vous avez entendu.
   *[other] Jusqu'à { $count } mots-clés : un à trois mots qui caractérisent ce que vous avez entendu.
}
keywords-all-sent = { $count ->
    [one] Vous avez envoyé votre mot-clé. Merci !
   *[other] Vous avez envoyé vos { $count } mots-clés. Merci !
}
keyword-label = Mot-clé { $index }
keywords-send = Envoyer mes mots-clés

findings-title = Constats
finding-category = Catégorie
finding-text = Votre constat
finding-send = Envoyer mon constat

vote-title = Recommandations
vote-hint = Répartissez jusqu'à { $budget } gommettes, { $cap } au plus par recommandation.
vote-dots = Gommettes
vote-send = Voter
vote-replace = Remplacer mon vote
vote-no-recommendations = Pas encore de recommandation à prioriser.

sent-keywords = { $count ->
    [one] { $count } mot-clé reçu
   *[other] { $count } mots-clés reçus
}
sent-finding = Constat reçu
sent-ballot = { $count ->
    [one] Vote reçu : { $count } gommette placée
   *[other] Vote reçu : { $count } gommettes placées
}
sent-repeated = Déjà reçu : rien n'a été compté deux fois.

## Refus (affichés à côté du champ)
error-keyword-blank = Écrivez au moins un mot-clé.
error-keyword-too-long = Un mot-clé tient en { $max } caractères au plus.
error-control-character = Ce texte contient un caractère non autorisé.
error-too-many-keywords = { $already ->
    [0] Vous pouvez envoyer { $limit } mots-clés au plus.
   *[other] Vous pouvez envoyer { $limit } mots-clés au plus, et vous en avez déjà envoyé { $already }.
}
error-keyword-already-sent = Vous avez déjà envoyé « { $keyword } ».
error-finding-blank = Écrivez votre constat.
error-finding-too-long = Un constat tient en { $max } caractères au plus.
error-category-unknown = Choisissez une catégorie.
error-too-many-findings = Vous avez déjà envoyé { $limit } constats : c'est le maximum.
error-dots-not-number = Indiquez un nombre entier de gommettes.
error-dots-negative = Le nombre de gommettes ne peut pas être négatif.
error-dots-over-cap = { $cap } gommettes au plus sur une même recommandation.
error-dots-over-budget = Vous avez placé { $total } gommettes, pour { $budget } disponibles.
error-ballot-empty = Placez au moins une gommette.
error-activity-closed = Cette activité est fermée : votre envoi n'a pas été enregistré.
error-code-invalid = Un code de participation fait de 4 à 12 lettres ou chiffres.

## Pages d'erreur
error-unknown-workshop-title = Atelier introuvable
error-unknown-workshop-body = Aucun atelier n'a le code « { $code } ». Vérifiez le code affiché à l'écran.
error-cross-site-title = Envoi refusé
error-cross-site-body = Ce formulaire ne vient pas de cette application : il n'a pas été enregistré.
error-malformed-title = Formulaire illisible
error-malformed-body = Le formulaire reçu est incomplet ou abîmé : rien n'a été enregistré. Rechargez la page et réessayez.
error-foreign-host-title = Adresse inconnue
error-foreign-host-body = Ce serveur ne répond pas à cette adresse. Utilisez { $url }.
error-busy-title = Trop d'écrans ouverts
error-busy-body = Ce serveur diffuse déjà le plus d'écrans de projection qu'il peut. Fermez un onglet de projection inutile ; la page réessaiera d'elle-même dans quelques secondes.
error-exports-busy-title = Export en attente
error-exports-busy-body = D'autres fichiers sont en cours de préparation sur ce serveur. Réessayez dans une minute : rien n'est perdu.
error-too-many-attempts-title = Trop d'essais
error-too-many-attempts-body = Trop de mots de passe erronés depuis cette adresse. Réessayez dans { $seconds } secondes.
error-not-local-title = Création réservée à l'organisateur
error-not-local-body = Sans mot de passe d'administration, on ne crée un atelier que depuis la machine qui fait tourner atelier. Démarrez-le avec ATELIER_ADMIN_PASSWORD pour créer des ateliers depuis un autre appareil.
error-server-title = Un problème est survenu
error-server-body = Votre envoi n'a pas pu être traité. Réessayez dans un instant.
error-unknown-phone = Rechargez la page pour participer : ce téléphone n'était pas reconnu, rien n'a été compté.
error-workshop-full = Cet atelier est complet : { $capacity } téléphones y participent déjà. Adressez-vous à l'animateur ou l'animatrice.
error-workshop-full-title = Atelier complet
error-refused-title = Demande refusée
error-not-found-title = Page introuvable
error-not-found-body = Cette adresse ne mène à aucune page.

## Animateur, rapporteur
dashboard-title = Tableau de bord de l'animation
dashboard-participation = Participation
count-participants = Téléphones participants
count-keywords = Mots-clés reçus
count-findings = Constats reçus
count-voters = Votants
dashboard-links = Liens
link-join-code = Code de participation
link-participant = Page des participant·es
link-projector = Écran de projection
link-facilitator = Tableau de bord (animation, rapport)
link-facilitator-keep = Gardez ce lien pour vous : il donne accès à l'animation et aux exports.
dashboard-report = Rapport et exports
summary-title = Décompte détaillé
summary-participation = { $participants ->
    [one] { $participants } téléphone
   *[other] { $participants } téléphones
}, { $keywords ->
    [one] { $keywords } mot-clé
   *[other] { $keywords } mots-clés
}, { $findings ->
    [one] { $findings } constat
   *[other] { $findings } constats
}, { $voters ->
    [one] { $voters } votant
   *[other] { $voters } votants
}.
export-keywords = mots-clés et nombre de participant·es
export-findings = tous les constats avec leur heure
export-votes = classement des recommandations
col-keyword = Mot-clé
col-count = Nombre
col-rank = Rang
col-recommendation = Recommandation
col-dots = Gommettes
col-voters = Votants
screen-join = Pour participer :

## Création d'un atelier
new-title = Préparer un atelier
new-has-errors = Certains champs sont à corriger : rien n'a été créé.
new-password = Mot de passe d'administration
new-create = Créer l'atelier
field-event-title = Rencontre (facultatif)
field-title = Titre de l'atelier
field-description = Description
field-question = Question posée à la salle
field-facilitator = Animateur ou animatrice
field-rapporteur = Rapporteur ou rapporteuse
field-speakers = Intervenant·es
field-speakers-hint = Un par ligne : nom | sujet
field-categories = Catégories de constats
field-categories-hint = Une par ligne. Vide : Constat, Difficulté, Levier.
field-recommendations = Recommandations à prioriser
field-recommendations-hint = Une par ligne, dans l'ordre du bulletin.
field-language = Langue (fr ou en)
field-time-zone = Fuseau horaire
field-join-code = Code de participation (facultatif)
field-join-code-hint = 4 à 12 lettres ou chiffres ; vide : un code est tiré au hasard.
field-keywords-per-participant = Mots-clés par participant·e
field-dots-per-participant = Gommettes par participant·e
field-max-dots-per-recommendation = Gommettes au plus par recommandation
field-max-participants = Capacité (téléphones)
field-max-participants-hint = Le nombre de places de la salle ; au-delà, un nouveau téléphone lit « atelier complet ».
error-required = Ce champ est obligatoire.
error-too-long = { $max } caractères au plus.
error-out-of-range = Un nombre entier de { $min } à { $max }.
error-language = Langue inconnue : fr ou en.
error-time-zone = Fuseau horaire inconnu (exemple : Europe/Paris).
error-join-code = 4 à 12 lettres ou chiffres, sans accent.
error-join-code-taken = Le code « { $code } » est déjà pris par un autre atelier.
error-too-many-workshops = Une rencontre compte au plus { $max } ateliers.
error-join-code-duplicate = Deux ateliers du fichier ont ce code de participation.
error-event-code-taken = Le code « { $code } » est déjà pris par une autre rencontre.
error-join-code-other-shard = Le code « { $code } » ne peut pas servir ici : ce serveur est la partition { $shard }, ses codes commencent par l’un de ces caractères : { $characters }. Choisissez un code qui commence ainsi, ou laissez le code vide pour qu’il soit tiré au sort.
error-slug = Identifiant de catégorie invalide : lettres minuscules sans accent, chiffres et tirets.
error-slug-duplicate = Deux catégories portent le même nom.
error-password = Mot de passe incorrect.

## Ligne de commande
cli-serving = atelier est en service sur { $url }
cli-lan-addresses = Adresses de cette machine sur le réseau (celle ci-dessus sert aux liens ; --base-url en choisit une autre) :
cli-demo = Atelier de démonstration « { $title } » :
cli-participant = Participant·es :
cli-projector = Projection :
cli-facilitator = Animation :
cli-file-error = { $file }, ligne { $line }, clé { $key } : { $message }
cli-file-error-no-line = { $file } : { $message }
cli-read-error = Impossible de lire { $file } : { $message }

## Corrections des mots-clés
keywords-manage-hint = Les mots-clés sont regroupés malgré les accents, les majuscules, le pluriel, le féminin et les tirets. Corrigez ici ce qui reste : chaque correction s'annule.
col-variants = Orthographes reçues
col-actions = Corrections
hidden = masqué
action-split = Séparer
action-rename = Renommer
action-merge-into = Fusionner dans
action-merge-label = Libellé (facultatif)
action-merge = Fusionner
action-hide = Masquer
action-show = Afficher
action-undo = Annuler
corrections-title = Corrections en cours
correction-merge = « { $from } » fusionné dans « { $into } »
correction-split = « { $spelling } » séparé de son groupe
correction-label = « { $group } » renommé « { $label } »
correction-hide = « { $group } » masqué
done-merge = Groupes fusionnés.
done-split = Orthographe séparée.
done-rename = Groupe renommé.
done-hide = Groupe masqué : il n'apparaît plus à l'écran ni dans le rapport.
done-show = Groupe de nouveau affiché.
done-undo = Correction annulée.
error-group-unknown = Ce mot-clé n'est plus dans le décompte : rechargez la page.
error-group-not-named = Aucun groupe de mots-clés ne s'appelle exactement « { $typed } » : choisissez-le dans la liste proposée, ou cherchez-le.
error-merge-same = Choisissez un autre groupe que lui-même.
error-label-blank = Écrivez le nouveau libellé.
export-keyword-entries = chaque mot-clé reçu, avec son heure et son groupe

## Soutiens et propositions
room-findings = Les constats de la salle
supports-count = { $count ->
    [0] {""}
    [one] +1
   *[other] +{ $count }
}
support-send = +1, moi aussi
support-done = vous l'avez soutenu
support-yours = votre constat
sent-support = Soutien reçu : merci !
error-own-finding = C'est votre propre constat : soutenez plutôt celui d'un autre.
error-finding-unknown = Ce constat n'est plus affiché.
proposal-label = Proposer une recommandation
proposal-hint = Elle apparaîtra sur le bulletin si l'animation l'accepte.
proposal-send = Proposer
sent-proposal = Proposition reçue : elle apparaîtra sur le bulletin si l'animation l'accepte.
your-proposals = Vos propositions
# Téléphone et écran de projection (issue #12)
cards-nav = Aller à
card-closed = fermé
room-most-supported = Les plus soutenus d'abord.
room-see-all = Voir tous les constats de la salle ({ $count })
room-page = Constats { $from } à { $to } sur { $count }
room-previous = ← Précédents
room-next = Suivants →
support-for = Soutenir ce constat
dot-counter = { $used } / { $budget } gommettes
dot-counter-over = { $used } / { $budget } gommettes : c'est trop, retirez-en { $extra }.
screen-connection-lost = Connexion perdue : nouvel essai en cours…

proposal-status-proposed = en attente
proposal-status-accepted = acceptée
proposal-status-declined = non retenue
error-proposal-blank = Écrivez votre proposition.
error-proposal-too-long = Une proposition tient en { $max } caractères au plus.
error-too-many-proposals = Vous avez déjà fait { $limit } propositions : c'est le maximum.
error-proposals-closed = Les propositions sont fermées : la vôtre n'a pas été enregistrée.
proposals-title = Propositions de recommandations
proposals-are-open = Les participant·es peuvent proposer des recommandations.
proposals-are-closed = Les participant·es ne peuvent pas proposer de recommandation.
proposals-open = Ouvrir les propositions
proposals-close = Fermer les propositions
proposal-accept = Accepter
proposal-decline = Refuser
done-proposals-open = Propositions ouvertes.
done-proposals-closed = Propositions fermées.
done-accept = Proposition acceptée : elle est sur le bulletin.
done-decline = Proposition non retenue.

## Écran de projection
screen-counter = { $phones ->
    [one] { $phones } téléphone
   *[other] { $phones } téléphones
} · { $entries ->
    [one] { $entries } réponse
   *[other] { $entries } réponses
}
screen-join-lead = Avec votre téléphone, ouvrez
screen-join-code = ou tapez le code
screen-waiting = En attente des premières réponses…
screen-results-hidden = Résultats masqués pour l'instant : à vous de répondre !
screen-more = { $count ->
    [one] + 1 autre
   *[other] + { $count } autres
}
screen-dots-voters = { $dots ->
    [one] { $dots } gommette
   *[other] { $dots } gommettes
} · { $voters ->
    [one] { $voters } votant
   *[other] { $voters } votants
}

## Tableau de bord : écran, activités, modération
screen-control = Écran de projection
panel-join = Rejoindre
panel-keywords = Mots-clés
panel-findings = Constats
panel-votes = Recommandations
results-are-shown = Les résultats sont visibles à l'écran et sur les téléphones.
results-are-hidden = Les résultats sont masqués (les participant·es ne voient pas les votes des autres).
results-hide = Masquer les résultats
results-show = Révéler les résultats
screens-open = { $count ->
    [0] Aucun écran de projection ouvert
    [one] { $count } écran de projection ouvert
   *[other] { $count } écrans de projection ouverts
}
activities-title = Activités
activity-keywords = Mots-clés
activity-findings = Constats
activity-votes = Vote par gommettes
activity-open = ouverte
activity-closed-short = fermée
activity-close = Fermer
activity-reopen = Ouvrir
moderation-keywords = Mots-clés reçus (modération)
moderation-findings = Constats reçus (modération)
done-panel = L'écran de projection change de panneau.
done-opened = Activité ouverte.
done-closed = Activité fermée : les téléphones voient « fermé ».
done-results-hidden = Résultats masqués.
done-results-shown = Résultats révélés.
done-entry-hidden = Réponse masquée : elle quitte l'écran et les décomptes, et reste dans les exports.
done-entry-shown = Réponse de nouveau affichée.
screen-results-title = Résultats en direct

error-method-title = Action impossible
error-method-body = Cette adresse ne s'utilise pas ainsi. Revenez à la page précédente.
error-too-large-title = Envoi trop long
error-too-large-body = Ce que vous avez envoyé dépasse la taille permise : rien n'a été enregistré. Raccourcissez votre texte et réessayez.
error-not-a-number = Écrivez un nombre entier, en chiffres.
done-created = Atelier créé. Ce tableau de bord est à vous : gardez son adresse (lien « Tableau de bord » ci-dessous), elle ne sera pas redonnée.
toml-missing-field = il manque la clé « { $key } »
toml-unknown-field = clé inconnue « { $key } » (vérifiez l'orthographe)
toml-invalid-type = valeur de mauvais type : { $expected }
toml-expected-integer = un nombre entier est attendu, sans guillemets
toml-expected-text = un texte entre guillemets est attendu
toml-duplicate-key = cette clé apparaît deux fois
toml-too-deep = trop de niveaux les uns dans les autres (listes, tables ou parties d'une clé séparées par des points) : un fichier d'atelier n'en demande que deux ou trois
toml-unquoted-text = un texte doit être écrit entre guillemets, comme title = "Mon atelier"
toml-unclosed = une liste entre crochets [ ], une table entre accolades ou un texte entre guillemets n'est pas refermé
toml-missing-value = il manque une valeur après le signe =, ou un = entre la clé et sa valeur
toml-syntax = ce n'est pas du TOML valide à cet endroit (le lecteur TOML dit, en anglais : « { $detail } »)
cli-not-utf8 = le fichier n'est pas du texte UTF-8 (enregistrez-le en UTF-8)

## Rapport
report-title = Rapport de l'atelier
report-workshop = L'atelier
report-question = Question posée :
report-speakers = Intervenant·es
report-facilitator = Animation :
report-rapporteur = Rapport :
report-keywords = Les mots clefs qui ont caractérisé les expériences présentées
report-findings = Ce qui ressort : { $list }
report-recommendations = Enjeux et recommandations
report-participation = Participation
report-percent = { $value } %
report-date = { $day } { $month } { $year }
report-when-one-day = { $date }, de { $from } à { $to }
report-when-days = du { $from-date } { $from } au { $to-date } { $to }
col-share = Part des votants
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
sheet-keywords = Mots-clés
sheet-findings = Constats
sheet-recommendations = Recommandations
sheet-entries = Entrées
col-supports = Soutiens
col-time = Date et heure
col-participant = Participant·e
col-kind = Type
col-text = Texte
col-value = Valeur
report-print-hint = Pour un PDF : Imprimer → Enregistrer au format PDF.

## Rapport : tableau de bord
report-open = Ouvrir le rapport
export-docx = le rapport pour Word ou LibreOffice
export-md = le rapport en Markdown
export-cloud = le nuage de mots-clés en image (SVG), sans le QR code
export-xlsx = le classeur (mots-clés, une feuille par catégorie, recommandations avec graphique, réponses brutes)
export-entries = toutes les réponses, de tous types, avec leur heure
export-file = Fichier
export-zip = tout en un seul fichier : rapport (HTML, Word, Markdown), classeur, nuage de mots-clés et CSV
dialect-excel-fr = Pour Excel (français)
dialect-standard = Standard (CSV)
synthesis-title = Synthèses du rapport
synthesis-hint = Un court paragraphe par partie, imprimé dans le rapport. Vide : pas de paragraphe.
synthesis-general = Introduction
synthesis-keywords = Mots-clés
synthesis-findings = Constats
synthesis-recommendations = Recommandations
synthesis-save = Enregistrer
error-synthesis-too-long = Une synthèse tient en { $max } caractères au plus : rien n'a été enregistré.
close-title = Clore l'atelier
close-hint = Ferme toutes les activités ; les exports restent disponibles.
close-button = Clore l'atelier
close-done-at = Atelier clos le { $time }.
done-synthesis = Synthèse enregistrée.
done-workshop-closed = Atelier clos : les téléphones ne peuvent plus répondre. Téléchargez le rapport ci-dessous.
cli-no-database = Pas de base de données { $file } : indiquez-la avec --db.
cli-backup-done = Copie cohérente écrite dans { $file } : { $workshops ->
    [one] { $workshops } atelier
   *[other] { $workshops } ateliers
}, { $entries ->
    [one] { $entries } réponse
   *[other] { $entries } réponses
}.
cli-backup-failed = Sauvegarde impossible : { $message }
error-split-single = Ce groupe n'a qu'une orthographe : rien à séparer.
error-label-taken = Un autre groupe s'appelle déjà « { $label } » : fusionnez-les plutôt.
error-correction-unknown = Cette correction n'est plus en cours : rechargez la page.
error-correction-conflict = Le décompte a changé entre-temps (une autre correction est passée) : rien n'a été fait, vérifiez les groupes ci-dessous.
error-too-many-items = { $max } au plus : un atelier n'en tient pas davantage.
error-keyword-twice = « { $keyword } » est deux fois dans votre envoi.
error-keyword-no-letters = Un mot-clé doit contenir au moins une lettre, un chiffre ou un emoji : un tiret ou un trait seul ne suffit pas.
kind-keyword = mot-clé
kind-finding = constat
kind-dots = gommettes
kind-support = soutien
kind-proposal = proposition
col-hidden = Masqué
screen-more-keywords = { $count ->
    [one] et 1 autre mot-clé
   *[other] et { $count } autres mots-clés
}
workshop-closed = L'atelier est clos : merci pour votre participation !
groups-search = Chercher un mot-clé
groups-search-button = Chercher
groups-search-clear = Tout afficher
groups-shown = Groupes { $first } à { $last } sur { $total }, les plus cités d'abord.
groups-found = { $count ->
    [0] Aucun groupe ne contient « { $query } ».
    [one] { $count } groupe contient « { $query } ».
   *[other] { $count } groupes contiennent « { $query } ».
}
groups-next = { $count ->
    [one] Groupe suivant (1 de plus)
   *[other] Groupes suivants ({ $count } de plus)
}
merge-title = Fusionner deux groupes
merge-from = Le groupe
merge-more-choices = { $count ->
    [one] La liste propose les groupes les plus cités ; 1 autre peut être tapé.
   *[other] La liste propose les groupes les plus cités ; { $count } autres peuvent être tapés.
}
action-merge-pick = Fusionner…
spellings-more = { $count ->
    [one] et 1 autre orthographe (cherchez-la pour la voir)
   *[other] et { $count } autres orthographes (cherchez-les pour les voir)
}
corrections-more = { $count ->
    [one] et 1 correction plus ancienne (toujours en vigueur)
   *[other] et { $count } corrections plus anciennes (toujours en vigueur)
}
proposals-more = { $count ->
    [one] et 1 proposition de plus (les propositions en attente viennent d'abord)
   *[other] et { $count } propositions de plus (les propositions en attente viennent d'abord)
}
page-previous = Page précédente
page-newer = Plus récents
page-older = { $count ->
    [one] Plus ancien (1 de plus)
   *[other] Plus anciens ({ $count } de plus)
}
page-entries = Pages de la liste

## Codes de vote
col-vote-code = Avec code de vote
error-vote-code-needed = Ce vote demande un code de vote : demandez votre carte à l'animation, saisissez son code dans le champ « Code de vote » ci-dessus, puis votez. Vos gommettes sont gardées.
error-vote-code-unknown = Ce code de vote n'existe pas dans cet atelier. Vérifiez-le sur votre carte et réessayez.
error-vote-code-used = Ce code de vote a déjà servi sur un autre téléphone. Demandez une autre carte à l'animation.
error-vote-code-already = Ce téléphone a déjà un code de vote accepté : vous pouvez voter.
error-vote-code-count = Indiquez un nombre de codes entre 1 et { $max }.
vote-code-title = Code de vote
vote-code-hint = Ce vote compte seulement avec un code : saisissez celui de la carte que l'animation vous a remise.
vote-code-label = Code de la carte (par exemple K7QM-3XTP)
vote-code-send = Valider le code
vote-code-accepted = Code accepté : vous pouvez voter.
codes-title = Codes de vote
codes-on = Le vote ne compte que les téléphones qui ont saisi un code de vote.
codes-off = Le vote compte tous les téléphones, sans code.
codes-turn-on = Exiger un code pour voter
codes-turn-off = Ne plus exiger de code
codes-count = Nombre de codes
codes-generate = Générer les codes et les cartes à imprimer
codes-generate-hint = Chaque code n'est affiché qu'une fois, sur la page des cartes : imprimez-la ou enregistrez-la avant de la quitter.
codes-sheet-title = Cartes de vote
codes-sheet-intro = { $count ->
    [one] { $count } nouveau code de vote. Imprimez cette page (A4), découpez les cartes et remettez-en une par personne.
   *[other] { $count } nouveaux codes de vote. Imprimez cette page (A4), découpez les cartes et remettez-en une par personne.
}
codes-sheet-print = Imprimer
codes-sheet-back = Retour au tableau de bord
codes-card-step = Scannez, puis saisissez ce code dans « Code de vote » :
codes-card-or = ou allez sur { $url }
done-vote-codes-on = Le vote demande désormais un code de vote.
done-vote-codes-off = Le vote ne demande plus de code.
# Moderation by participant and capacity (issue #10)
error-too-many-supports = Vous avez déjà donné { $limit } « +1 » : c'est le maximum.
error-capacity-range = La capacité est un nombre entier de { $min } à { $max } (par exemple 2 000).
phones-capacity = { $phones ->
    [one] { $phones } téléphone
   *[other] { $phones } téléphones
} / capacité { $capacity } (participants masqués compris)
capacity-label = Capacité de la salle (téléphones)
capacity-save = Enregistrer la capacité
capacity-hint = Au-delà, un nouveau téléphone est refusé ; ceux déjà entrés continuent.
done-capacity = Capacité enregistrée.
done-participant-hidden = Participant·e masqué·e : tout ce qu'il ou elle a envoyé quitte l'écran, les décomptes et le rapport, et reste dans les exports.
done-participant-shown = Participant·e de nouveau compté·e.
participants-title = Participants
participants-hint = Un participant n'existe que par le cookie de son téléphone. Masquer retire toutes ses réponses des décomptes, de l'écran et du rapport ; son téléphone peut encore envoyer, sans que cela compte.
participants-more = { $count ->
    [one] { $count } de plus
   *[other] { $count } de plus
}
participants-all = Tous les participants
participants-page = Page { $page } sur { $pages }
participants-previous = Page précédente
participants-next = Page suivante
participants-order = Ordre
participants-order-entries = les plus actifs d'abord
participants-order-recent = activité la plus récente d'abord
participants-order-arrival = par ordre d'arrivée
col-first-seen = Arrivée
col-keywords = Mots-clés
col-findings = Constats
col-supports-given = « +1 » donnés
col-ballot = Vote
ballot-yes = oui ({ $dots } gommettes)
ballot-no = non
action-hide-participant = Masquer
action-show-participant = Compter de nouveau
col-proposals = Propositions
back-to-dashboard = Retour au tableau de bord

## Synthesis statements, the session's date and the share link (issue #13)
error-session-date = Une date comme 2019-11-21 (ou 21/11/2019), un jour qui existe.
error-session-time = Une heure comme 14:00 (de 00:00 à 23:59).
error-session-time-without-date = Donnez aussi la date de la séance.
error-session-ends-before = La fin vient avant le début.
error-statement-blank = Écrivez l'énoncé : rien n'a été enregistré.
error-statement-too-long = Un énoncé tient en { $max } caractères au plus : rien n'a été enregistré.
error-statement-unknown = Cet énoncé n'existe plus.
report-backing = { $findings ->
    [one] { $findings } constat
   *[other] { $findings } constats
}, { $supports } +1
report-dots-voters = { $dots ->
    [one] { $dots } gommette
   *[other] { $dots } gommettes
}, { $voters ->
    [one] { $voters } votant
   *[other] { $voters } votants
}
report-annex = Annexe
report-annex-keywords = Les mots clefs et le nombre de participant·es qui les ont donnés
report-annex-findings = Les constats de la salle
report-annex-votes = Le vote par gommettes
report-count-phones = { $count ->
    [one] { $count } téléphone
   *[other] { $count } téléphones
}
report-count-keywords = { $count ->
    [one] { $count } mot-clé
   *[other] { $count } mots-clés
}
report-count-voters = { $count ->
    [one] { $count } votant
   *[other] { $count } votants
}
synthesis-link-dashboard = Synthèse : énoncés, date de la séance, lien de partage
synthesis-page-title = Synthèse
synthesis-page-hint = Cochez les constats de la salle qui disent la même chose et écrivez l'énoncé qui les rassemble : le rapport donne vos énoncés, avec le nombre de constats et de « +1 » derrière chacun ; les constats bruts vont en annexe.
synthesis-statements = Énoncés de synthèse
synthesis-no-statement = Pas encore d'énoncé dans cette catégorie.
synthesis-text = Texte de l'énoncé
synthesis-edit = Modifier
synthesis-up = Monter
synthesis-down = Descendre
synthesis-delete = Supprimer
synthesis-unlink = Retirer
synthesis-gathers = { $count ->
    [one] { $count } constat rassemblé
   *[other] { $count } constats rassemblés
}
synthesis-findings-count = { $count ->
    [one] { $count } constat de la salle, à cocher
   *[other] { $count } constats de la salle, les plus soutenus d'abord, à cocher
}
synthesis-used = { $count ->
    [one] dans 1 énoncé
   *[other] dans { $count } énoncés
}
synthesis-page-range = { $from }–{ $to } sur { $total }
synthesis-new = Nouvel énoncé (les constats cochés y sont rattachés)
synthesis-add = Créer l'énoncé
synthesis-or-add-to = ou ajouter les constats cochés à
synthesis-link = Ajouter
synthesis-suggestions = Regroupements suggérés
synthesis-suggestions-hint = Des constats qui partagent des mots peu courants, calculés ici, sans service extérieur. Décochez ce qui ne va pas, écrivez l'énoncé, créez-le ; ou ignorez la suggestion.
synthesis-no-suggestion = Aucun regroupement à suggérer pour l'instant.
synthesis-shared-words = Mots en commun :
synthesis-category = Catégorie
synthesis-from-group = Créer l'énoncé de ce groupe
synthesis-more-suggestions = { $count ->
    [one] et 1 autre regroupement
   *[other] et { $count } autres regroupements
}
synthesis-session = Date et horaires de la séance
synthesis-session-hint = Le rapport les donne sous le titre (« 21 novembre 2019, 14:00–16:30 ») ; sans date, il donne l'heure des premières et dernières réponses.
synthesis-date = Date
synthesis-starts = Début
synthesis-ends = Fin
synthesis-done-added = Énoncé créé.
synthesis-done-edited = Énoncé modifié.
synthesis-done-moved = Énoncé déplacé.
synthesis-done-deleted = Énoncé supprimé (les constats restent).
synthesis-done-linked = Constats ajoutés à l'énoncé.
synthesis-done-unlinked = Constat retiré de l'énoncé.
synthesis-done-session = Date et horaires enregistrés.
synthesis-done-revoked = Lien de partage révoqué : il ne mène plus nulle part.
share-title = Lien de partage du rapport
share-hint = Un lien qui ouvre le rapport en lecture seule, sans accès au tableau de bord : c'est lui qu'on envoie ou qu'on imprime.
share-new = Nouveau lien, affiché une seule fois (copiez-le maintenant) :
share-since = Un lien de partage est actif depuis le { $time }.
share-create = Créer un lien de partage
share-replace = Remplacer par un nouveau lien
share-revoke = Révoquer le lien

## The proceedings of an event (issue #14, item 4)
proceedings-title = Actes
proceedings-chapter = Atelier { $number } — { $title }
proceedings-contents = Sommaire
proceedings-summary = La rencontre en chiffres
proceedings-keywords = Les mots clefs de toute la rencontre
proceedings-keyword-workshops = { $count ->
    [one] atelier { $list }
   *[other] ateliers { $list }
}
proceedings-total = Toute la rencontre
col-workshop = Atelier
col-join-code = Code
col-phones = Téléphones
col-workshops = Ateliers
sheet-participation = Participation
sheet-event-keywords = Mots-clés (rencontre)
proceedings-exports = Les actes et les fichiers de la rencontre
error-unknown-event = Aucune rencontre n'a le code « { $code } ».
error-event-csv = Les fichiers CSV d'une rencontre sont dans event.zip : choisissez --format zip (ou md, docx, html, xlsx).
## Organiser's console and plenary (issue #14)
organiser-title = Console de l'organisation
organiser-event-code = code de la rencontre
organiser-done-plenary = La plénière affiche maintenant ce que vous avez choisi.
organiser-posters = Affiches à imprimer (A4)
organiser-links = Feuille des liens
organiser-open-plenary = Ouvrir l'écran de plénière
organiser-workshops = Ateliers
organiser-live-note = Ce tableau se met à jour tout seul toutes les 5 secondes ; sans JavaScript,
organiser-refresh = rechargez la page.
organiser-col-workshop = Atelier
organiser-col-state = État
organiser-col-phones = Téléphones
organiser-col-entries = Réponses
organiser-col-screens = Écrans ouverts
organiser-col-last = Dernière activité
organiser-col-actions = Actions
organiser-col-code = Code
organiser-participant-link = Lien des participants
organiser-projector-link = Écran de projection
organiser-facilitator-link = Lien d'animation (à remettre à l'animateur ou l'animatrice)
organiser-state-closed = Atelier clos
organiser-state-none-open = Aucune activité ouverte
organiser-state-open = Ouvert :
organiser-show-plenary = Montrer en plénière
organiser-reissue = Nouveau lien d'animation
organiser-more-workshops = { $count ->
    [one] et 1 autre atelier (page suivante)
   *[other] et { $count } autres ateliers (page suivante)
}
organiser-plenary = Écran de plénière
organiser-plenary-shows-event = La plénière montre toute la rencontre : un nuage de mots-clés de tous les ateliers.
organiser-plenary-shows-workshop = La plénière montre l'atelier surligné dans le tableau.
organiser-plenary-previous = Précédent
organiser-plenary-event = Toute la rencontre
organiser-plenary-next = Suivant
organiser-facilitator-links = Liens d'animation
organiser-keys-note = Chaque lien d'animation n'est affiché qu'une fois : à l'import du fichier de la rencontre, à l'ajout d'un atelier, ou en réponse à « Nouveau lien d'animation ». Nous n'en gardons qu'une empreinte, comme pour un mot de passe : personne, pas même nous, ne peut le relire. Si un lien est perdu ou doit changer de mains, faites-en un nouveau : l'ancien cesse aussitôt de fonctionner.
organiser-exports = Exports de la rencontre
organiser-exports-note = Les actes : une page de titre, le sommaire, un chapitre par atelier (son rapport, avec son annexe) et la rencontre en chiffres. Le classeur a une colonne « Atelier » sur chaque feuille ; l'archive range les fichiers de chaque atelier dans son dossier.
proceedings-export-html = Actes (page à imprimer)
proceedings-export-docx = Actes (Word)
proceedings-export-md = Actes (Markdown)
proceedings-export-xlsx = Classeur de la rencontre (Excel)
proceedings-export-zip = Tout en un ZIP
proceedings-export-zip-excel = Tout en un ZIP (CSV pour Excel français)
organiser-add = Ajouter un atelier
organiser-add-label = Fichier d'atelier (TOML)
organiser-add-hint = Collez un fichier d'atelier comme pour « atelier import » : une table [workshop] avec son titre, puis ses [[speakers]], [[finding_categories]] et [[recommendations]] si besoin. Son [event] éventuel est remplacé par cette rencontre.
organiser-add-button = Ajouter l'atelier
organiser-pasted-file = fichier collé
organiser-added-title = Atelier ajouté
organiser-added-lead = Voici ses liens. Copiez le lien d'animation maintenant : il n'est affiché qu'ici.
organiser-reissued-title = Nouveau lien d'animation
organiser-reissued-lead = L'ancien lien d'animation de cet atelier ne fonctionne plus. Remettez celui-ci à l'animateur ou l'animatrice : il n'est affiché qu'ici.
organiser-back = Retour à la console
organiser-links-note = Les liens d'animation n'apparaissent sur aucun document imprimé.
organiser-col-links = Liens
organiser-col-workshop-room = Atelier et salle
organiser-posters-intro = { $count ->
    [one] { $count } affiche A4 pour la porte de la salle, dans la langue de son atelier. Imprimez en A4 portrait (Ctrl+P ou ⌘P), à 100 % : l'affiche tient sur une page, avec son QR code de 11 cm.
   *[other] { $count } affiches A4, une par atelier, pour la porte de chaque salle, chacune dans la langue de son atelier. Imprimez en A4 portrait (Ctrl+P ou ⌘P), à 100 % : une affiche par page, avec son QR code de 11 cm.
}
organiser-links-intro = Imprimez en A4 portrait (Ctrl+P ou ⌘P) : une ligne par atelier, jamais coupée entre deux pages.
workshop-room-label = Lieu :
field-room = Salle (facultatif)
field-room-hint = Son nom tel qu'on le lit sur la porte, 80 caractères au plus : il est imprimé sur l'affiche et affiché en tête des téléphones.
organiser-documents = Affiches, feuille des liens et écran de plénière
plenary-whole-event = Toute la rencontre
plenary-event-keywords = Les mots-clés de la rencontre
plenary-top-findings = Constats les plus soutenus
plenary-statements = Énoncés de synthèse
plenary-step = Atelier { $number } sur { $total }
# The facilitator console's bar (issue #12)
console-label = Commandes de la séance
console-links = Rapport et exports
console-report = Rapport
console-exports = Exports
console-screen = Écran
console-phones = Téléphones / capacité
console-participants = Ont répondu
console-keywords = Mots-clés
console-findings = Constats
console-voters = Votants
moderation-search = Chercher dans le texte
moderation-order = Ordre
moderation-order-support = Les plus soutenus d'abord
moderation-order-newest = Les plus récents d'abord
moderation-apply = Afficher
moderation-found = { $count ->
    [0] Aucune réponse ne contient ce texte.
    [one] { $count } réponse contient ce texte.
   *[other] { $count } réponses contiennent ce texte.
}
moderation-keywords-status = { $count ->
    [one] { $count } mot-clé reçu, le plus récent d'abord.
   *[other] { $count } mots-clés reçus, les plus récents d'abord.
}
moderation-findings-status = { $count ->
    [one] { $count } constat reçu.
   *[other] { $count } constats reçus.
}
moderation-supports = { $count ->
    [one] +1
   *[other] +{ $count }
}
done-panel-what = L'écran de projection montre maintenant « { $what } ».
done-opened-what = Activité « { $what } » ouverte : les téléphones peuvent répondre.
done-closed-what = Activité « { $what } » fermée : les téléphones voient « fermé ».
