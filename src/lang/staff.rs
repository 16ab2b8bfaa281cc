//! Messages in bokmål of the commands staff run — progress lines, summaries, the to-do list,
//! a finished edition's refusals, usage errors — in the form of [`super::messages`]'s table,
//! which is consulted after this one.

/// The operating system's words for a file that cannot be read or written (`std::io::Error`
/// as Rust shows it), wherever they stand in a message, in bokmål.
pub const OS_ERRORS: &[(&str, &str)] = &[
    ("No such file or directory", "filen eller mappen finnes ikke"),
    ("Permission denied", "ingen tilgang"),
    ("File exists", "filen finnes allerede"),
    ("Not a directory", "ikke en mappe"),
    ("Is a directory", "er en mappe"),
    ("No space left on device", "ikke mer plass på disken"),
    ("Read-only file system", "filsystemet er skrivebeskyttet"),
    ("Directory not empty", "mappen er ikke tom"),
    ("Too many levels of symbolic links", "for mange lenker etter hverandre"),
    ("File name too long", "filnavnet er for langt"),
    ("Invalid argument", "ugyldig argument"),
];

/// (English, bokmål). More specific entries come before the general ones they would match.
pub const NB: &[(&str, &str)] = &[
    // list
    ("(default)", "(standard)"),
    ("final, not finished: {} item(s) left", "merket ferdig, men ikke ferdig: {} ting gjenstår"),
    ("final, not finished", "merket ferdig, men ikke ferdig"),
    (
        "left out {} workbook(s) no chapter uses (they stay in data/{}/): {}",
        "utelot {} arbeidsbok(er) som ingen kapitler bruker (de blir liggende i data/{}/): {}",
    ),
    // A final edition's refusals, summed up.
    (
        "{} file(s) unchanged from edition {}, in an edition marked `status = \"final\"`: {}; update them, or confirm each that stays as it is, by name, under `[confirm] unchanged` in edition.toml",
        "{} fil(er) uendret fra utgave {}, i en utgave merket `status = \"final\"`: {}; oppdater dem, eller bekreft hver som skal stå som den er, ved navn, under `[confirm] unchanged` i edition.toml",
    ),
    (
        "{} nøkkeltall without figures, in an edition marked `status = \"final\"`: {}; fill them in, or confirm each, by name, under `[confirm] no-figures` in edition.toml",
        "{} nøkkeltall uten tall, i en utgave merket `status = \"final\"`: {}; fyll dem ut, eller bekreft hvert, ved navn, under `[confirm] no-figures` i edition.toml",
    ),
    (
        "{} item(s) left, in an edition marked `status = \"final\"`, summed up above: `rapport check --todo --edition {}` lists each (`--diagnostic-format short`: one line each)",
        "{} ting gjenstår, i en utgave merket `status = \"final\"`, oppsummert over: `rapport check --todo --edition {}` viser hver enkelt (`--diagnostic-format short`: én linje hver)",
    ),
    // What `diff` found, which is no error.
    ("changes", "endringer"),
    // The stages of a slow command, as it reaches each.
    ("Reading the chapters and tables …", "Leser kapitler og tabeller …"),
    ("Typesetting the book …", "Setter boken …"),
    ("Typesetting the book to find the position marks …", "Setter boken for å finne plassholderne …"),
    ("Checking the pages …", "Kontrollerer sidene …"),
    ("Counting what is left in {} …", "Teller det som gjenstår i {} …"),
    ("Making the PDF …", "Lager PDF-en …"),
    ("Drawing the pages to compare …", "Tegner sidene for sammenligning …"),
    ("Comparing with the approved edition …", "Sammenligner med godkjent utgave …"),
    ("Comparing with {} …", "Sammenligner med {} …"),
    ("final, {} item(s) left to do", "merket ferdig, {} ting gjenstår"),
    ("draft, {} item(s) left to do", "utkast, {} ting gjenstår"),
    ("final, problems in the data", "merket ferdig, feil i dataene"),
    ("draft, problems in the data", "utkast, feil i dataene"),
    ("final", "ferdig"),
    ("draft", "utkast"),
    (
        "note: {} is now the default edition (the newest final one; `data/default` may name another)",
        "merk: {} er nå standardutgaven (den nyeste ferdige; `data/default` kan peke på en annen)",
    ),
    (
        "data/{} is marked `status = \"final\"` but is not finished, so it is not the default edition: {} is, until it is finished; `rapport check --todo --edition {}` lists what is left",
        "data/{} er merket `status = \"final\"`, men er ikke ferdig, så den er ikke standardutgaven: det er {}, til den er ferdig; `rapport check --todo --edition {}` viser hva som gjenstår",
    ),
    ("{} and {} more", "{} og {} til"),
    // new-edition
    ("data/{} exists already; choose a new id or remove it", "data/{} finnes allerede; velg en ny id eller fjern den"),
    // a chart of shares
    ("a share of zero or more in this {} chart", "en andel på null eller mer i denne {}-grafen"),
    ("a share of at most 100 in this share chart", "en andel på høyst 100 i denne andelsgrafen"),
    (
        "{} item(s) left in an edition marked `status = \"final\"`: update each, or confirm each that really stays as it is, by name, under `[confirm]` in edition.toml (each item's own error says how; no list confirms them all)",
        "{} ting gjenstår i en utgave merket `status = \"final\"`: oppdater hver, eller bekreft hver som virkelig skal stå som den er, ved navn, under `[confirm]` i edition.toml (feilmeldingen for hver ting sier hvordan; ingen liste bekrefter alt)",
    ),
    (
        "note: {} item(s) confirmed to stay as they are under `[confirm]` in edition.toml: {} unchanged file(s), {} nøkkeltall without figures",
        "merk: {} ting er bekreftet å stå som de er under `[confirm]` i edition.toml: {} uendrede fil(er), {} nøkkeltall uten tall",
    ),
    ("{}; no edition is marked as the default", "{}; ingen utgave er merket som standard"),
    // data/default, read through the one resolver with a limit
    (
        "data/default names the edition `{}`, but there is no valid edition of that name in data/",
        "data/default peker på utgaven `{}`, men det finnes ingen gyldig utgave med det navnet i data/",
    ),
    (
        "data/default: expected an edition id (letters, digits, `-`, `_` or `.`), found other text",
        "data/default: ventet en utgave-id (bokstaver, sifre, `-`, `_` eller `.`), fant annen tekst",
    ),
    (
        "{}: expected a file inside data/, found a link that leads out of it",
        "{}: ventet en fil inne i data/, fant en lenke som fører ut av den",
    ),
    ("{}: expected UTF-8 text, found bytes that are not", "{}: ventet UTF-8-tekst, fant byte som ikke er det"),
    ("cannot read the edition file {}: {}", "kan ikke lese utgavefilen {}: {}"),
    ("the edition file {}", "utgavefilen {}"),
    (
        "data/default: expected an edition id in UTF-8, found bytes that are not",
        "data/default: ventet en utgave-id i UTF-8, fant byte som ikke er det",
    ),
    ("cannot read data/default: {}", "kan ikke lese data/default: {}"),
    ("the default edition's file {}", "filen som peker på standardutgaven, {}"),
    // number cells: what a staff member most likely meant
    (
        "expected a whole number as in the rest of the column, found `{}`",
        "ventet et helt tall som resten av kolonnen, fant `{}`",
    ),
    (
        "expected a whole number as the other figures of this nøkkeltall, found `{}`",
        "ventet et helt tall som nøkkeltallets andre tall, fant `{}`",
    ),
    (
        "`{}` can be read two ways: write `{}` if the comma separates thousands, or `{}` if it is a decimal comma",
        "`{}` kan leses på to måter: skriv `{}` hvis kommaet skiller tusener, eller `{}` hvis det er et desimalkomma",
    ),
    (
        "check the figures first: a wrong figure above, or in the sum row, is the usual cause",
        "sjekk tallene først: et feil tall over, eller i summeraden, er den vanlige årsaken",
    ),
    ("`{}` looks like a zero: write `{}`", "`{}` ligner en null: skriv `{}`"),
    ("`{}` looks like a one: write `{}`", "`{}` ligner et ett-tall: skriv `{}`"),
    ("did you mean `{}`? write `{}`", "mente du `{}`? skriv `{}`"),
    // key-figure files: their row kinds and directions
    (
        "expected `goal`, `subgoal`, `indicator` or `note` (or `hovedmål`, `delmål`, `nøkkeltall`, `merknad`), found `{}`",
        "ventet `hovedmål`, `delmål`, `nøkkeltall` eller `merknad` (eller `goal`, `subgoal`, `indicator`, `note`), fant `{}`",
    ),
    (
        "expected a direction `higher`, `lower` (or `høyere`, `lavere`) or an empty cell, found `{}`",
        "ventet en retning `høyere`, `lavere` (eller `higher`, `lower`) eller en tom celle, fant `{}`",
    ),
    (
        "expected a `goal` row before the first `subgoal`, found `subgoal`",
        "ventet en `hovedmål`-rad før første `delmål`, fant `delmål`",
    ),
    (
        "expected a `subgoal` row before the first `indicator`, found `indicator`",
        "ventet en `delmål`-rad før første `nøkkeltall`, fant `nøkkeltall`",
    ),
    // check
    ("{} pages", "{} side(r)"),
    (
        "note: {} position mark(s) for missing assets, which the print file refuses without --allow-placeholders: pages {}",
        "merk: {} plassholder(e) for bilder og figurer som mangler, som trykkfilen ikke godtar uten --allow-placeholders: sidene {}",
    ),
    (
        "ok: no errors; the layout lint has {} warning(s); {} item(s) left to do: `rapport check --todo --edition {}` lists them",
        "ok: ingen feil; sidesjekken har {} advarsel(er); {} ting gjenstår: `rapport check --todo --edition {}` viser dem",
    ),
    (
        "ok: no errors; {} item(s) left to do: `rapport check --todo --edition {}` lists them",
        "ok: ingen feil; {} ting gjenstår: `rapport check --todo --edition {}` viser dem",
    ),
    ("{} finding(s) of the layout lint", "{} funn i sidesjekken"),
    ("the theme could not be read", "temaet kunne ikke leses"),
    (
        "note: the layouts, compiled with the faulty data above left out, report:",
        "merk: oppsettet, satt uten de feilaktige dataene over, melder:",
    ),
    // check --todo
    ("{}: {} item(s)", "{}: {} ting"),
    ("{} item(s) left to do in edition {}", "{} ting gjenstår i utgave {}"),
    ("nothing left to do in edition {}", "ingenting gjenstår i utgave {}"),
    ("the edition as a whole", "utgaven som helhet"),
    ("{}: unchanged from edition {}", "{}: uendret fra utgave {}"),
    ("{}: the nøkkeltall «{}» has no figures", "{}: nøkkeltallet «{}» har ingen tall"),
    ("page {}: a position mark for a missing picture", "side {}: plassholder for et bilde som mangler"),
    ("page {}: a position mark for a missing figure", "side {}: plassholder for en figur som mangler"),
    ("page {}: a position mark for a missing map", "side {}: plassholder for et kart som mangler"),
    ("page {}: a position mark for a missing chart", "side {}: plassholder for en graf som mangler"),
    ("page {}: a position mark for a missing asset", "side {}: plassholder for en fil som mangler"),
    // A final edition is finished.
    (
        "unchanged from edition {}, in an edition marked `status = \"final\"`: update it, or confirm that it stays as it is with `unchanged = [\"{}\"]` under `[confirm]` in edition.toml",
        "uendret fra utgave {}, i en utgave merket `status = \"final\"`: oppdater den, eller bekreft at den skal stå som den er med `unchanged = [\"{}\"]` under `[confirm]` i edition.toml",
    ),
    (
        "the nøkkeltall «{}» has no figures, in an edition marked `status = \"final\"`: fill them in, or confirm it with `no-figures = [\"{}\"]` under `[confirm]` in edition.toml",
        "nøkkeltallet «{}» har ingen tall, i en utgave merket `status = \"final\"`: fyll dem inn, eller bekreft det med `no-figures = [\"{}\"]` under `[confirm]` i edition.toml",
    ),
    (
        "{} file(s) unchanged from edition {}: {}; update them, or confirm each that stays as it is under `[confirm] unchanged` in edition.toml (`rapport check --todo` lists them all)",
        "{} fil(er) uendret fra utgave {}: {}; oppdater dem, eller bekreft hver som skal stå som den er under `[confirm] unchanged` i edition.toml (`rapport check --todo` viser alle)",
    ),
    ("{} nøkkeltall have no figures yet", "{} nøkkeltall har ingen tall ennå"),
    // What the data has yet to say (a chapter's title, a table's title or source).
    (
        "the chapter `{}` has no title yet: write its `title` in edition.toml",
        "kapitlet `{}` har ingen tittel ennå: skriv tittelen som `title` i edition.toml",
    ),
    (
        "the table {} has no title yet: write `title = \"…\"` in its `::: table` block (or `title = \"\"` for a table without one)",
        "tabellen {} har ingen tittel ennå: skriv `title = \"…\"` i `::: table`-blokken (eller `title = \"\"` for en tabell uten tittel)",
    ),
    (
        "the table {} has no source yet: write `source = \"…\"` in its `::: table` block (or `source = \"\"` for a table without one)",
        "tabellen {} har ingen kilde ennå: skriv `source = \"…\"` i `::: table`-blokken (eller `source = \"\"` for en tabell uten kilde)",
    ),
    ("{}, in an edition marked `status = \"final\"`", "{}, i en utgave merket `status = \"final\"`"),
    (
        "editors' wording «{}» would be printed, in an edition marked `status = \"final\"`: say it for readers, or move the remark to a `# …` comment or out of the text",
        "redaksjonell merknad «{}» ville bli trykt, i en utgave merket `status = \"final\"`: skriv det for leserne, eller flytt merknaden til en `# …`-kommentar eller ut av teksten",
    ),
    // The layout lint's findings, which `check` shows staff too.
    ("the page is blank but carries a running head or folio", "siden er tom, men har løpende topptekst eller sidetall"),
    ("the page holds only {} line(s)", "siden har bare {} linje(r)"),
    ("text runs outside the text area: «{}»", "tekst går utenfor satsflaten: «{}»"),
    ("a paragraph's last line stands alone at the top: «{}»", "et avsnitts siste linje står alene øverst: «{}»"),
    ("a paragraph's first line stands alone at the foot: «{}»", "et avsnitts første linje står alene nederst: «{}»"),
    ("the heading «{}» has less than three lines below it", "overskriften «{}» har færre enn tre linjer under seg"),
    ("the key-figure value «{}» wraps inside its cell", "nøkkeltallsverdien «{}» brytes i cellen"),
    ("the name «{}» is hyphenated as «{}-»", "navnet «{}» er delt som «{}-»"),
    (
        "{} pages are less than {} % full inside a chapter (at most {}): pages {}",
        "{} side(r) er mindre enn {} % fulle inne i et kapittel (høyst {}): sidene {}",
    ),
    (
        "editors' wording reaches the page: «{}»; mark the gap with a placeholder or an editor's note",
        "redaksjonell merknad kommer på siden: «{}»; merk hullet med en plassholder eller en redaksjonell merknad",
    ),
    // The print file, as `build --print` reports it.
    (
        "print file: print-ready CMYK with bleed and marks, but NOT PDF/X: {}",
        "trykkfil: trykklar CMYK med utfallende og merker, men IKKE PDF/X: {}",
    ),
    (
        "no output profile given (`--output-intent FILE.icc` or `output-intent` in [print]): PDF/X needs the printer's ICC profile as its output intent, or `printing-condition = \"FOGRA39\"` in [print] for rapport's own FOGRA39 profile",
        "ingen utdataprofil oppgitt (`--output-intent FIL.icc` eller `output-intent` i [print]): PDF/X trenger trykkeriets ICC-profil som utdataprofil, eller `printing-condition = \"FOGRA39\"` i [print] for rapports egen FOGRA39-profil",
    ),
    (
        "{} (output intent: {}rapport's own profile «{}»; the printer's own profile, in the project's profiles/ folder or given by `--output-intent`, takes its place)",
        "{} (utdataprofil: {}rapports egen profil «{}»; trykkeriets egen profil, i prosjektets profiles/-mappe eller gitt med `--output-intent`, brukes i stedet)",
    ),
    ("{} (output intent: {}{})", "{} (utdataprofil: {}{})"),
    (
        "print file: small coloured type in two inks: {} → {} (ΔE {})",
        "trykkfil: liten farget tekst i to trykkfarger: {} → {} (ΔE {})",
    ),
    ("print file: small coloured type in two inks: {}", "trykkfil: liten farget tekst i to trykkfarger: {}"),
    ("print file: {}", "trykkfil: {}"),
    // build, watch, archive
    ("done in {} s", "ferdig på {} s"),
    ("watching for changes", "venter på endringer"),
    ("error: {} — watching for changes", "feil: {} – venter på endringer"),
    ("serving the web edition at http://{}/", "viser nettutgaven på http://{}/"),
    ("served the web edition ({} pages) in {} s", "viste nettutgaven ({} side(r)) på {} s"),
    ("cannot serve the web edition at port {}: {}", "kan ikke vise nettutgaven på port {}: {}"),
    (
        "cannot serve the web edition: expected a free port of 3000–3005, found none ({})",
        "kan ikke vise nettutgaven: ventet en ledig port blant 3000–3005, fant ingen ({})",
    ),
    ("cannot start the web server: {}", "kan ikke starte nettserveren: {}"),
    (
        "cannot write the web edition to {}: expected no such folder or one written by rapport (with its {} file), found one not written by rapport; it is left as it is: move it away or choose another --out",
        "kan ikke skrive nettutgaven til {}: ventet ingen slik mappe eller en som rapport har skrevet (med filen {}), fant en som rapport ikke har skrevet; den er latt være: flytt den bort eller velg en annen --out",
    ),
    ("cannot publish {} in the web edition: {}", "kan ikke publisere {} i nettutgaven: {}"),
    ("not a readable SVG: {}", "ikke en lesbar SVG: {}"),
    ("wrote {} ({} pages, {} files, {} KiB) in {} s", "skrev {} ({} side(r), {} fil(er), {} KiB) på {} s"),
    (
        "wrote {} (cover: outside and inside spreads, spine {} mm for {} pages, with the title on it)",
        "skrev {} (omslag: ytre og indre oppslag, rygg {} mm for {} side(r), med tittelen på)",
    ),
    (
        "wrote {} (cover: outside and inside spreads, spine {} mm for {} pages, too narrow for the title)",
        "skrev {} (omslag: ytre og indre oppslag, rygg {} mm for {} side(r), for smal til tittelen)",
    ),
    ("{}; the last good PDF (if any) is left untouched", "{}; den siste gode PDF-en (om det finnes en) er ikke rørt"),
    ("archived {} of {} edition(s) in {} s", "arkiverte {} av {} utgave(r) på {} s"),
    ("archived {} ({}, {} pages, {} inputs) into {} in {} s", "arkiverte {} ({}, {} side(r), {} inndata) i {} på {} s"),
    (
        "note: no edition in data/ is final (`status = \"final\"` in edition.toml): nothing archived; drafts are not archived",
        "merk: ingen utgave i data/ er ferdig (`status = \"final\"` i edition.toml): ingenting arkivert; utkast arkiveres ikke",
    ),
    (
        "{} of {} edition(s) failed to archive: {}; the first: {}",
        "{} av {} utgave(r) kunne ikke arkiveres: {}; den første: {}",
    ),
    // proof --ppi
    ("expected a number of pixels per inch, found `{}`", "ventet et antall piksler per tomme, fant `{}`"),
    ("expected 10 to 600 pixels per inch, found {}", "ventet 10 til 600 piksler per tomme, fant {}"),
    // new-edition
    (
        "next: fill in the text, tables and key figures; `rapport check --todo --edition {}` lists what is left",
        "neste: fyll inn tekst, tabeller og nøkkeltall; `rapport check --todo --edition {}` viser hva som gjenstår",
    ),
    // Editions and chapters that do not exist.
    (
        "no edition `{}` in data/: did you mean `{}`? The editions: {}",
        "ingen utgave `{}` i data/: mente du `{}`? Utgavene: {}",
    ),
    (
        "no edition `{}` in data/: an edition id is written with a hyphen (`-`), not a dash (`–`): did you mean `{}`? The editions: {}",
        "ingen utgave `{}` i data/: en utgave skrives med bindestrek (`-`), ikke tankestrek (`–`): mente du `{}`? Utgavene: {}",
    ),
    (
        "expected an edition id, the name of a folder in data/ (letters, digits, `-`, `_` and `.`), found `{}`; the editions: {}",
        "ventet en utgave-id, navnet på en mappe i data/ (bokstaver, sifre, `-`, `_` og `.`), fant `{}`; utgavene: {}",
    ),
    (
        "expected an edition id, the name of a folder in data/, found `{}`",
        "ventet en utgave-id, navnet på en mappe i data/, fant `{}`",
    ),
    ("no edition `{}` in data/; the editions: {}", "ingen utgave `{}` i data/; utgavene: {}"),
    (
        "no edition `{}` in data/, and no edition there at all: expected a folder data/<id>/ with an edition.toml",
        "ingen utgave `{}` i data/, og ingen utgave der i det hele tatt: ventet en mappe data/<id>/ med en edition.toml",
    ),
    (
        "expected a chapter slug of edition {} ({}), found `{}`: did you mean `{}`?",
        "ventet et kapittelnavn (slug) i utgave {} ({}), fant `{}`: mente du `{}`?",
    ),
    (
        "expected a chapter slug of edition {} ({}), found `{}`",
        "ventet et kapittelnavn (slug) i utgave {} ({}), fant `{}`",
    ),
];

/// The layout lint's codes (`crate::checks::lint`), each in plain English and in bokmål.
pub const LINT_KINDS: &[(&str, &str, &str)] = &[
    ("blank-page", "blank page", "tom side"),
    ("near-empty", "page with only a few lines", "side med bare noen få linjer"),
    ("thin-pages", "thinly filled pages", "tynt fylte sider"),
    ("outside-text-area", "outside the text area", "utenfor tekstområdet"),
    ("widow", "lone line at the top", "ensom linje øverst"),
    ("orphan", "lone line at the foot", "ensom linje nederst"),
    ("heading-at-foot", "heading at the foot", "overskrift nederst"),
    ("wrapped-value", "number over two lines", "tall over to linjer"),
    ("hyphenated-name", "name split by a hyphen", "navn delt med bindestrek"),
    ("back-office", "editors' wording", "redaksjonell merknad"),
    ("hole", "empty gap in the middle of the page", "tomrom midt på siden"),
    ("runt", "page with little on it", "side med lite på"),
    ("split-box", "box split over two pages", "boks delt over to sider"),
    ("position-word", "reference that no longer holds", "henvisning som ikke stemmer"),
    ("hyphen-page-end", "word split at a page turn", "orddeling over sideskift"),
    ("hyphen-tail", "split word ends a paragraph", "orddeling i avsnittets siste linje"),
    ("print-hue", "colour in print", "farge i trykk"),
    ("contrast", "too little contrast", "for lite kontrast"),
];

#[cfg(test)]
mod tests {
    use crate::lang::{Lang, translate};

    // The commands' progress reads in bokmål, sizes and times with a decimal comma; a value
    // that is not a decimal number (a version, a file) keeps its point.
    #[test]
    fn progress_reads_in_bokmal_with_decimal_commas() {
        assert_eq!(translate(Lang::Nb, "watching for changes"), "venter på endringer");
        assert_eq!(translate(Lang::Nb, "done in 1.25 s"), "ferdig på 1,25 s");
        assert_eq!(
            translate(Lang::Nb, "wrote out/a.pdf (12 pages, 345.6 KiB) in 0.80 s"),
            "skrev out/a.pdf (12 sider, 345,6 KiB) på 0,80 s"
        );
        assert_eq!(translate(Lang::Nb, "3 nøkkeltall have no figures yet"), "3 nøkkeltall har ingen tall ennå");
        assert_eq!(
            translate(Lang::Nb, "2 problem(s) in the data; the last good PDF (if any) is left untouched"),
            "2 feil i dataene; den siste gode PDF-en (om det finnes en) er ikke rørt"
        );
        assert_eq!(translate(Lang::Nb, "print file: PDF 1.6"), "trykkfil: PDF 1.6");
        // A small colour's two-ink build: its ΔE with a decimal comma.
        assert_eq!(
            translate(Lang::Nb, "print file: small coloured type in two inks: #005260 → C61 K78 (ΔE 8.8)"),
            "trykkfil: liten farget tekst i to trykkfarger: #005260 → C61 K78 (ΔE 8,8)"
        );
    }

    // A count in bokmål agrees with its noun (staff read «1 tabeller», «1 side(r)»): one is
    // singular, every other count plural, wherever a count is printed.
    #[test]
    fn counts_agree_with_their_nouns_in_bokmal() {
        for (en, nb) in [
            ("wrote a.md (1 table(s), 2 picture(s)) from a.docx", "skrev a.md (1 tabell, 2 bilder) fra a.docx"),
            ("the page holds only 1 line(s)", "siden har bare 1 linje"),
            ("the page holds only 3 line(s)", "siden har bare 3 linjer"),
            ("ok: no errors; the layout lint has 1 warning(s)", "ok: ingen feil; sidesjekken har 1 advarsel"),
            ("ok: no errors; the layout lint has 2 warning(s)", "ok: ingen feil; sidesjekken har 2 advarsler"),
            ("12 pages: 0 error(s), 1 warning(s)", "12 sider: 0 feil, 1 advarsel"),
            (
                "compared with approved/mini/: 1 pages approved, 1 pages now",
                "sammenlignet med approved/mini/: 1 side godkjent, 1 side nå",
            ),
            (
                "expected the sum of the 1 row(s) above, 400, in the sum row `Sum` (within ±1, the rounding of the printed numbers), found `410`",
                "ventet summen av 1 rad over, 400, i summeraden `Sum` (innenfor ±1, avrundingen av tallene slik de står), fant `410`",
            ),
            ("ok: 1 final edition(s) checked, no errors", "ok: 1 ferdig utgave sjekket, ingen feil"),
            (
                "wrote out/a.pdf (8 pages, 2 blank pages added to make a multiple of 4, 12.5 KiB)",
                "skrev out/a.pdf (8 sider, 2 blanke sider lagt til for å få et multiplum av 4, 12,5 KiB)",
            ),
            (
                "left out 2 workbook(s) no chapter uses (they stay in data/a/): x.xlsx, y.ods",
                "utelot 2 arbeidsbøker som ingen kapitler bruker (de blir liggende i data/a/): x.xlsx, y.ods",
            ),
        ] {
            assert_eq!(translate(Lang::Nb, en), nb);
        }
    }

    // The layout lint's kinds of finding read in plain words, in bokmål and in English: no
    // typesetters' jargon (`hole`, `runt`) for staff.
    #[test]
    fn lint_kinds_read_in_plain_words() {
        assert_eq!(crate::lang::lint_kind("hole", Lang::Nb), "tomrom midt på siden");
        assert_eq!(crate::lang::lint_kind("runt", Lang::Nb), "side med lite på");
        assert_eq!(crate::lang::lint_kind("near-empty", Lang::Nb), "side med bare noen få linjer");
        assert_eq!(crate::lang::lint_kind("hole", Lang::En), "empty gap in the middle of the page");
        assert_eq!(crate::lang::lint_kind("runt", Lang::En), "page with little on it");
    }
}
