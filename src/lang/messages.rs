//! Messages in bokmål. Each entry is an English message with `{}` where a value goes, and
//! its bokmål text with the values in the same order; a value is itself translated when it
//! is a phrase of the table (`expected {}, found …` holds `a number with a known unit (…)`).
//! A message no entry matches stays as written: better English than a half-translated line.

use std::sync::LazyLock;

use regex::Regex;

use super::Lang;

/// (English, bokmål). More specific entries come before the general ones they would match.
const NB: &[(&str, &str)] = &[
    // The commands' progress and summaries.
    ("edition {} (draft): {}", "utgave {} (utkast): {}"),
    ("edition {}: {}", "utgave {}: {}"),
    // A blank page or pages added (the value between `pages` and `KiB` would be read wrong).
    (
        "wrote {} ({} pages, {} blank page added to make a multiple of {}, {} KiB) in {} s",
        "skrev {} ({} side(r), {} blank side lagt til for å få et multiplum av {}, {} KiB) på {} s",
    ),
    (
        "wrote {} ({} pages, {} blank pages added to make a multiple of {}, {} KiB) in {} s",
        "skrev {} ({} side(r), {} blanke sider lagt til for å få et multiplum av {}, {} KiB) på {} s",
    ),
    (
        "wrote {} ({} pages, {} blank page added to make a multiple of {}, {} KiB)",
        "skrev {} ({} side(r), {} blank side lagt til for å få et multiplum av {}, {} KiB)",
    ),
    (
        "wrote {} ({} pages, {} blank pages added to make a multiple of {}, {} KiB)",
        "skrev {} ({} side(r), {} blanke sider lagt til for å få et multiplum av {}, {} KiB)",
    ),
    ("wrote {} ({} pages{}, {} KiB) in {} s", "skrev {} ({} side(r){}, {} KiB) på {} s"),
    ("wrote {} ({} pages{}, {} KiB)", "skrev {} ({} side(r){}, {} KiB)"),
    ("{} handouts in {} s", "{} kapittel-PDF(-er) på {} s"),
    (", {} blank page{} added to make a multiple of {}", ", {} blank{} side(r) lagt til for å få et multiplum av {}"),
    ("wrote {}", "skrev {}"),
    (
        "{}; the last good cover and book block are left as they were",
        "{}; forrige gode omslag og innmat er beholdt som de var",
    ),
    ("cannot move the new file to {}: {}", "kan ikke flytte den nye filen til {}: {}"),
    ("cannot keep a copy of {}: {}", "kan ikke ta en kopi av {}: {}"),
    ("cannot write {}: {}", "kan ikke skrive {}: {}"),
    ("ok: no problems found", "ok: ingen feil funnet"),
    (
        "no `statement-date` under `[web]`: the web edition's accessibility statement says that the date of its check is not given; write the day the web edition was last checked against the requirements, e.g. `statement-date = 2024-05-02` under `[web]`",
        "ingen `statement-date` under `[web]`: tilgjengelighetserklæringen i nettutgaven sier at datoen for kontrollen ikke er oppgitt; skriv dagen nettutgaven sist ble kontrollert mot kravene, f.eks. `statement-date = 2024-05-02` under `[web]`",
    ),
    // import ssb: a JSON-stat file's problems, each at its JSON path.
    (
        "wrote {} ({} rows, {} columns of years), {} (the JSON, kept), {} (its SHA-256) and {} (how it was imported, for `check --ssb`)",
        "skrev {} ({} rad(er), {} årskolonne(r)), {} (JSON-filen, tatt vare på), {} (dens SHA-256) og {} (hvordan den ble importert, for `check --ssb`)",
    ),
    // check --ssb: a newer SSB file against the tables imported from its table.
    ("{}: no number changed in {}", "{}: ingen tall er endret i {}"),
    ("{}: {} number(s) changed in {}:", "{}: {} tall er endret i {}:"),
    ("  row «{}», column «{}»: {} → {}", "  rad «{}», kolonne «{}»: {} → {}"),
    ("(empty)", "(tom)"),
    ("(not in the table)", "(ikke i tabellen)"),
    ("(not in the newer file)", "(ikke i den nye filen)"),
    ("to take the newer numbers: correct them in {} by hand", "for å ta inn de nye tallene: rett dem for hånd i {}"),
    ("to take the newer numbers: {}", "for å ta inn de nye tallene: {}"),
    (
        "{} cannot be compared with {}: {}; then import it again: {}",
        "{} kan ikke sammenlignes med {}: {}; importer den så på nytt: {}",
    ),
    ("{} (typed by hand): no number changed in {}", "{} (skrevet inn for hånd): ingen tall er endret i {}"),
    ("{} (typed by hand): {} number(s) changed in {}:", "{} (skrevet inn for hånd): {} tall er endret i {}:"),
    ("  not compared: the row «{}» of {} is not in {}", "  ikke sammenlignet: raden «{}» i {} finnes ikke i {}"),
    ("  not compared: the column «{}» of {} is not in {}", "  ikke sammenlignet: kolonnen «{}» i {} finnes ikke i {}"),
    ("  {} also has {}, not in {}", "  {} har også {}, som ikke er i {}"),
    (
        "warning: {} is typed by hand from SSB table {} ({}): compare it yourself, or import it again with `rapport import ssb {} --edition {}` and use the imported table in its place",
        "advarsel: {} er skrevet inn for hånd fra SSB-tabell {} ({}): sammenlign selv, eller importer den på nytt med `rapport import ssb {} --edition {}` og bruk den importerte tabellen i stedet",
    ),
    (
        "not a CSV table of one header row, so not compared",
        "den er ikke en CSV-tabell med én overskriftsrad, så den er ikke sammenlignet",
    ),
    (
        "its rows and columns do not match the newer file's by name",
        "radene og kolonnene har ikke de samme navnene som i den nye filen",
    ),
    ("it matches more than one region of the newer file: {}", "den passer med mer enn én region i den nye filen: {}"),
    (
        "warning: {} table(s) typed by hand could not be compared: {}",
        "advarsel: {} tabell(er) skrevet inn for hånd kunne ikke sammenlignes: {}",
    ),
    (
        "{} number(s) changed in {} table(s) from SSB ({} typed by hand)",
        "{} tall er endret i {} tabell(er) fra SSB ({} skrevet inn for hånd)",
    ),
    ("no numbers changed", "ingen tall er endret"),
    ("{} number(s) changed in {} table(s) imported from SSB", "{} tall er endret i {} tabell(er) importert fra SSB"),
    (
        "no table of edition {} was imported from SSB table {} ({}) or cites it in its source: `rapport import ssb` keeps a record beside each table it writes (`<table>.import.toml`); a table imported before it did needs importing again once",
        "ingen tabell i utgave {} er importert fra SSB-tabell {} ({}) eller oppgir den som kilde: `rapport import ssb` legger en merknad ved siden av hver tabell den skriver (`<tabell>.import.toml`); en tabell som ble importert før den gjorde det, må importeres på nytt én gang",
    ),
    ("note: {} cannot be read, so it is not compared: {}", "merk: {} kan ikke leses, så den sammenlignes ikke: {}"),
    ("regions: {}", "regioner: {}"),
    (
        "csv: expected the CSV's file name beside the record, found `{}`",
        "csv: ventet navnet på CSV-filen ved siden av merknaden, fant `{}`",
    ),
    ("expected a readable CSV table", "ventet en lesbar CSV-tabell"),
    // The files the imports and check --ssb read, named in «cannot read …».
    ("cannot read the JSON file {}: {}", "kan ikke lese JSON-filen {}: {}"),
    ("cannot read the Word document {}: {}", "kan ikke lese Word-dokumentet {}: {}"),
    ("cannot read the import's record {}: {}", "kan ikke lese importmerknaden {}: {}"),
    ("cannot read the table {}: {}", "kan ikke lese tabellen {}: {}"),
    ("line {}, column {}: {}", "linje {}, kolonne {}: {}"),
    (
        "{} exists and differs from the JSON imported: pass --force to overwrite it",
        "{} finnes og er ulik JSON-filen som importeres: bruk --force for å skrive over den",
    ),
    ("paste into the chapter:", "lim inn i kapitlet:"),
    (
        "add to `colophon` in edition.toml: \"{}\" (or import with --add to have it added)",
        "legg til i `colophon` i edition.toml: \"{}\" (eller importer med --legg-til, så legges den til)",
    ),
    ("add to `colophon` in edition.toml: \"{}\"", "legg til i `colophon` i edition.toml: \"{}\""),
    ("added to `colophon` in {}: \"{}\"", "lagt til i `colophon` i {}: \"{}\""),
    ("cannot write {}: the edit would not read back: {}", "kan ikke skrive {}: endringen ville ikke kunne leses: {}"),
    (
        "{}: `colophon`: expected a list of lines, found another kind of value",
        "{}: `colophon`: ventet en liste med linjer, fant en annen slags verdi",
    ),
    (
        "{}: expected a part (`[[parts]]`) to add the chapter to, found none",
        "{}: ventet en del (`[[parts]]`) å legge kapitlet til i, fant ingen",
    ),
    (
        "{}: `chapters` of the part «{}»: expected `[[parts.chapters]]` tables, found another kind of value",
        "{}: `chapters` i delen «{}»: ventet `[[parts.chapters]]`-tabeller, fant en annen slags verdi",
    ),
    (
        "expected --part as the title of a part of {} ({}), found «{}»",
        "ventet --part som tittelen på en del i {} ({}), fant «{}»",
    ),
    (
        "chapter `{}` («{}») is already in data/{}/edition.toml: nothing is added; leave out --add (and pass --force to replace its text)",
        "kapitlet `{}` («{}») står alt i data/{}/edition.toml: ingenting er lagt til; utelat --legg-til (og bruk --force for å erstatte teksten)",
    ),
    ("added chapter `{}` to the part «{}» in {}", "la til kapitlet `{}` i delen «{}» i {}"),
    (
        "{} picture(s) have Word's alt text as their `alt`: read it once, as a reader who cannot see the picture would",
        "{} bilde(r) har fått Words alternative tekst som `alt`: les den én gang slik en leser som ikke ser bildet, ville gjort",
    ),
    (
        "warning: {} has no alt text in Word: write `alt` (what the picture shows) in its `::: photo` block, or give it alt text in Word (right-click the picture: Edit Alt Text) and import again",
        "advarsel: {} har ingen alternativ tekst i Word: skriv `alt` (hva bildet viser) i `::: photo`-blokken, eller gi det alternativ tekst i Word (høyreklikk på bildet: Rediger alternativ tekst) og importer på nytt",
    ),
    ("the picture {}", "bildet {}"),
    ("a picture (a placeholder)", "et bilde (en plassholder)"),
    (
        "a header cell merged over columns {}–{} of table {}, row 1 (its text written as the header of each: give each column its own header in Word)",
        "en overskriftscelle slått sammen over kolonne {}–{} i tabell {}, rad 1 (teksten skrevet som overskrift for hver av dem: gi hver kolonne sin egen overskrift i Word)",
    ),
    (
        "{}: table {}, row 1, column {}: expected a header for each column, found an empty cell: write the column's header in Word (split a merged cell first) and import again",
        "{}: tabell {}, rad 1, kolonne {}: ventet en overskrift for hver kolonne, fant en tom celle: skriv kolonnens overskrift i Word (del en sammenslått celle først) og importer på nytt",
    ),
    ("cannot create {}: {}", "kan ikke lage {}: {}"),
    ("{}: not JSON: {}", "{}: ikke JSON: {}"),
    ("{}: $.size: {} sizes, but id names {} dimensions", "{}: $.size: {} størrelse(r), men id gir {} dimensjon(er)"),
    (
        "{}: $.size: {} cells, more than the {} an import reads: query fewer values",
        "{}: $.size: {} celle(r), flere enn de {} en import leser: spør etter færre verdier",
    ),
    ("{}: ${}: {} categories, but size gives {}", "{}: ${}: {} kategori(er), men size gir {}"),
    ("{}: ${}: position {} is given twice", "{}: ${}: plass {} er gitt to ganger"),
    ("{}: $.value: {} values, but size gives {}", "{}: $.value: {} verdi(er), men size gir {}"),
    ("{}: $.status: {} symbols, but size gives {}", "{}: $.status: {} symbol(er), men size gir {}"),
    (
        "{}: ${}: expected a cell's position from 0 to {}, found `{}`",
        "{}: ${}: ventet en celles plass fra 0 til {}, fant `{}`",
    ),
    (
        "{}: ${}: unknown status symbol `{}` (SSB's symbols are {})",
        "{}: ${}: ukjent SSB-symbol `{}` (SSBs symboler er {})",
    ),
    ("{}: ${}: unknown status symbol `{}`", "{}: ${}: ukjent SSB-symbol `{}`"),
    (
        "expected --region as CODE or CODE:FIRST-LAST,CODE:FIRST- (`3025:2020-2023,3203:2024-`), found `{}`",
        "ventet --region som KODE eller KODE:FØRSTE-SISTE,KODE:FØRSTE- (`3025:2020-2023,3203:2024-`), fant `{}`",
    ),
    ("--region {}: the years of {} and {} overlap", "--region {}: årene til {} og {} overlapper"),
    (
        "{}: $.role.time: expected a dimension of years (role time, or `Tid`), found none",
        "{}: $.role.time: ventet en dimensjon med år (rollen time, eller `Tid`), fant ingen",
    ),
    (
        "{}: ${}: no region `{}` in the file: found {}; did you mean `--region {}` ({})?",
        "{}: ${}: ingen region `{}` i filen: fant {}; mente du `--region {}` ({})?",
    ),
    ("{}: ${}: no region `{}` in the file: found {}", "{}: ${}: ingen region `{}` i filen: fant {}"),
    (
        "{}: ${}: the file has {} regions ({}) and {} values of {} ({}); a table has rows of one of them: choose the region with --region (e.g. `--region {}`), or join the regions by year (`--region 3025:2020-2023,3203:2024-`)",
        "{}: ${}: filen har {} region(er) ({}) og {} verdi(er) av {} ({}); en tabell har rader av bare én av dem: velg regionen med --region (f.eks. `--region {}`), eller slå sammen regionene etter år (`--region 3025:2020-2023,3203:2024-`)",
    ),
    (
        "{}: ${}: --region is given {} times and {} has {} values ({}); a table has rows of one of them: give one --region, or ask SSB for one value of {} (in the query's address: `valueCodes[{}]={}`)",
        "{}: ${}: --region er gitt {} ganger og {} har {} verdi(er) ({}); en tabell har rader av bare én av dem: gi én --region, eller be SSB om én verdi av {} (i adressen til spørringen: `valueCodes[{}]={}`)",
    ),
    (
        "{}: ${}: expected a year to head column {}, found an empty one",
        "{}: ${}: ventet et år som overskrift for kolonne {}, fant en tom",
    ),
    // serde_json's kinds of error, in words staff read.
    (
        "the file ends before the JSON does: it was cut off; download or save it again",
        "filen slutter før JSON-en gjør det: den er kuttet av; last den ned eller lagre den på nytt",
    ),
    (
        "expected a JSON value (`{`, `[`, a number or a text in quotes), found something else: is it SSB's JSON-stat file (`outputFormat=json-stat2`), not a web page or CSV?",
        "ventet en JSON-verdi (`{`, `[`, et tall eller en tekst i anførselstegn), fant noe annet: er det SSBs JSON-stat-fil (`outputFormat=json-stat2`), ikke en nettside eller CSV?",
    ),
    (
        "expected the end of the file after the JSON, found more text",
        "ventet slutten av filen etter JSON-en, fant mer tekst",
    ),
    ("a value of the wrong kind: expected {}, found {}", "en verdi av feil slag: ventet {}, fant {}"),
    ("expected `,` or `}` after a value in an object", "ventet `,` eller `}` etter en verdi i et objekt"),
    ("expected `,` or `]` after a value in a list", "ventet `,` eller `]` etter en verdi i en liste"),
    ("expected `:` after a key", "ventet `:` etter en nøkkel"),
    ("expected a key in quotes (`\"key\"`)", "ventet en nøkkel i anførselstegn (`\"nøkkel\"`)"),
    ("a comma before `}` or `]`, which JSON does not allow", "et komma foran `}` eller `]`, som JSON ikke tillater"),
    ("expected a number, found a malformed one", "ventet et tall, fant et feilskrevet tall"),
    (
        "a line break or control character inside a text in quotes",
        "et linjeskift eller kontrolltegn inne i en tekst i anførselstegn",
    ),
    ("an invalid `\\` escape in a text in quotes", "en ugyldig `\\`-kode i en tekst i anførselstegn"),
    ("JSON nested too deep", "JSON nøstet for dypt"),
    ("expected valid JSON, found this: {}", "ventet gyldig JSON, fant dette: {}"),
    (
        "{}: ${}: expected a year (`2023`) to join regions by, found `{}`",
        "{}: ${}: ventet et år (`2023`) å slå sammen regioner etter, fant `{}`",
    ),
    (
        "{}: ${}: the year {} is in none of the years of --region {}",
        "{}: ${}: året {} er ikke blant årene i --region {}",
    ),
    (
        "{}: ${}: choose one value for {} ({} values: {}): ask SSB for one only (in the query's address: `valueCodes[{}]={}`)",
        "{}: ${}: velg én verdi for {} ({} verdi(er): {}): be SSB om bare én (i adressen til spørringen: `valueCodes[{}]={}`)",
    ),
    (
        "{}: ${}: `*` marks a provisional number, found no number (null)",
        "{}: ${}: `*` merker et foreløpig tall, fant ikke noe tall (null)",
    ),
    (
        "{}: ${}: expected the unit and decimals of the number's statistic (`category.unit` of the metric dimension), found none",
        "{}: ${}: ventet enheten og desimalene til tallets statistikkvariabel (`category.unit` i metric-dimensjonen), fant ingen",
    ),
    (
        "{}: ${}: the unit `{}` is not one of the edition's units ({}): add it to `units` in edition.toml if the report should print it",
        "{}: ${}: enheten `{}` er ikke blant utgavens enheter ({}): legg den til i `units` i edition.toml hvis rapporten skal skrive den",
    ),
    (
        "{}: ${}: `{}` means «{}», which is not one of the edition's status-words: add \"{}\" to `status-words` in edition.toml",
        "{}: ${}: `{}` betyr «{}», som ikke er blant utgavens status-words: legg \"{}\" til i `status-words` i edition.toml",
    ),
    (
        "expected --out as a CSV file inside the edition's folder (data/{}/), found {}",
        "ventet --out som en CSV-fil i utgavens mappe (data/{}/), fant {}",
    ),
    ("{}: ${}: expected {}, found {}", "{}: ${}: ventet {}, fant {}"),
    ("SSB's table number (`07984`)", "SSBs tabellnummer (`07984`)"),
    ("an array", "en liste"),
    ("an object", "et objekt"),
    ("a text", "en tekst"),
    ("a whole number", "et heltall"),
    ("an object or an array", "et objekt eller en liste"),
    ("an array or an object", "en liste eller et objekt"),
    ("an object, an array or a text", "et objekt, en liste eller en tekst"),
    ("a number of decimals from 0 to 10", "et antall desimaler fra 0 til 10"),
    ("a number or null", "et tall eller null"),
    ("a status symbol", "et SSB-symbol"),
    ("a position from 0 to {}", "en plass fra 0 til {}"),
    ("nothing", "ingenting"),
    ("true or false", "true eller false"),
    ("the number {}", "tallet {}"),
    ("the text `{}`", "teksten `{}`"),
    // import docx: a Word document's problems, and what its chapter cannot hold.
    (
        "{}: expected a Word document (.docx, a ZIP file), found another kind of file",
        "{}: ventet et Word-dokument (.docx, en ZIP-fil), fant en annen slags fil",
    ),
    ("{}: expected a Word document, found no `{}` in it", "{}: ventet et Word-dokument, fant ingen `{}` i det"),
    (
        "{}: expected a Word document, found no body (`w:body`) in `{}`",
        "{}: ventet et Word-dokument, fant ingen brødtekst (`w:body`) i `{}`",
    ),
    ("{}: the part `{}`: {}", "{}: delen `{}`: {}"),
    (
        "{}: the file is not a Word document that can be read (it is damaged or was not saved to the end): open it in Word and save it again as .docx",
        "{}: filen er ikke et Word-dokument som kan leses (den er skadet eller ble ikke lagret ferdig): åpne den i Word og lagre den på nytt som .docx",
    ),
    (
        "{}: expected a Word document of at most {} parts, found {}",
        "{}: ventet et Word-dokument med høyst {} deler, fant {}",
    ),
    (
        "{}: expected the parts of a Word document to inflate to at most {} MB each, found `{}`, which inflates to more",
        "{}: ventet at hver del av et Word-dokument pakkes ut til høyst {} MB, fant `{}`, som blir større",
    ),
    (
        "{}: expected a Word document that inflates to at most {} MB in all, found one that inflates to more",
        "{}: ventet et Word-dokument som pakkes ut til høyst {} MB i alt, fant et som blir større",
    ),
    ("expected well-formed XML, found {}", "ventet gyldig XML, fant {}"),
    ("expected at most {} XML elements, found more", "ventet høyst {} XML-element(er), fant flere"),
    ("expected XML nested at most {} deep, found deeper", "ventet XML nøstet høyst {} nivåer dypt, fant dypere"),
    (
        "expected XML without a document type declaration (`<!DOCTYPE`), found one: it can declare entities that expand without limit; save the document again in Word",
        "ventet XML uten dokumenttypedeklarasjon (`<!DOCTYPE`), fant en: den kan deklarere entiteter som vokser uten grense; lagre dokumentet på nytt i Word",
    ),
    ("expected an XML element, found none", "ventet et XML-element, fant ingen"),
    (
        "{}: expected a document whose tracked changes are all accepted or rejected, found {} by {} not yet accepted: «{}»: accept or reject the changes in Word (Review, or Se gjennom: Accept / Godta) and save it again",
        "{}: ventet et dokument der alle sporede endringer er godtatt eller avvist, fant {} av {} som ikke er godtatt: «{}»: godta eller avvis endringene i Word (Se gjennom: Godta / Avvis) og lagre det på nytt",
    ),
    ("an insertion", "en innsetting"),
    ("a deletion", "en sletting"),
    ("a move", "en flytting"),
    ("a merge of cells", "en sammenslåing av celler"),
    ("a change of formatting", "en formatendring"),
    (
        "expected --chapter as a short name of lower-case letters, digits and `-` (it names the chapter's files and is its `slug` in edition.toml, e.g. `okonomi`), found `{}`; did you mean `--chapter {}`?",
        "ventet --chapter som et kortnavn av små bokstaver, sifre og `-` (det gir navn til kapitlets filer og er dets `slug` i edition.toml, f.eks. `okonomi`), fant `{}`; mente du `--chapter {}`?",
    ),
    (
        "expected --chapter as a short name of lower-case letters, digits and `-` (it names the chapter's files and is its `slug` in edition.toml, e.g. `okonomi`), found `{}`",
        "ventet --chapter som et kortnavn av små bokstaver, sifre og `-` (det gir navn til kapitlets filer og er dets `slug` i edition.toml, f.eks. `okonomi`), fant `{}`",
    ),
    ("{} exists: pass --force to overwrite it", "{} finnes: bruk --force for å skrive over den"),
    (
        "warning: {} has no figures: every cell is a status word (SSB has no numbers there); check the region and the years asked for",
        "advarsel: {} har ingen tall: hver celle er et statusord (SSB har ingen tall der); sjekk regionen og årene du spurte etter",
    ),
    (
        "{} is the text of the chapter «{}» of this edition: choose another --chapter for a new chapter, or pass --force to replace all its text with the Word document",
        "{} er teksten til kapitlet «{}» i denne utgaven: velg et annet --chapter for et nytt kapittel, eller bruk --force for å erstatte hele teksten med Word-dokumentet",
    ),
    (
        "{} exists: pass --force to overwrite it (and the chapter's other files)",
        "{} finnes: bruk --force for å skrive over den (og kapitlets andre filer)",
    ),
    (
        "expected the chapter's files inside the edition's folder (data/{}/), found {}",
        "ventet kapitlets filer i utgavens mappe (data/{}/), fant {}",
    ),
    ("wrote {} ({} table(s), {} picture(s)) from {}", "skrev {} ({} tabell(er), {} bilde(r)) fra {}"),
    (
        "{} things in {} the chapter cannot hold as Word has them; check them:",
        "{} ting i {} som kapitlet ikke kan holde slik Word har dem; sjekk dem:",
    ),
    ("  {}: «{}»", "  {}: «{}»"),
    (
        "chapter `{}` is not in edition {} yet: add it to a part of data/{}/edition.toml (or import with --add to have it added to the last part):",
        "kapitlet `{}` er ikke i utgave {} ennå: legg det til i en del i data/{}/edition.toml (eller importer med --legg-til, så legges det til i siste del):",
    ),
    (
        "footnote {} (kept as the paragraph «Fotnote {}: …» after its paragraph)",
        "fotnote {} (beholdt som avsnittet «Fotnote {}: …» etter avsnittet sitt)",
    ),
    (
        "footnote {} (kept as the paragraph «Fotnote {}: …» after its table)",
        "fotnote {} (beholdt som avsnittet «Fotnote {}: …» etter tabellen sin)",
    ),
    (
        "endnote {} (kept as the paragraph «Sluttnote {}: …» after its paragraph)",
        "sluttnote {} (beholdt som avsnittet «Sluttnote {}: …» etter avsnittet sitt)",
    ),
    (
        "endnote {} (kept as the paragraph «Sluttnote {}: …» after its table)",
        "sluttnote {} (beholdt som avsnittet «Sluttnote {}: …» etter tabellen sin)",
    ),
    ("footnote {} (empty, left out)", "fotnote {} (tom, utelatt)"),
    ("endnote {} (empty, left out)", "sluttnote {} (tom, utelatt)"),
    ("the files replaced are kept beside them: {}", "filene som ble erstattet, er lagt ved siden av dem: {}"),
    ("the old text is kept in {} (nothing of it is lost)", "den gamle teksten er lagt i {} (ingenting av den er tapt)"),
    (
        "warning: the chapter's title in data/{}/edition.toml is still «{}», the Word document's is «{}»: change `title` there if it is to change",
        "advarsel: kapitlets tittel i data/{}/edition.toml er fortsatt «{}», Word-dokumentets er «{}»: endre `title` der hvis tittelen skal endres",
    ),
    (
        "note: the chapter's title in data/{}/edition.toml is still «{}»: check that it fits the new text",
        "merk: kapitlets tittel i data/{}/edition.toml er fortsatt «{}»: sjekk at den passer til den nye teksten",
    ),
    (
        "warning: the old text used files the new one does not: {} (they are left in data/{}/, no longer printed; name them in the new text where they belong)",
        "advarsel: den gamle teksten brukte filer som den nye ikke bruker: {} (de ligger fortsatt i data/{}/, men skrives ikke lenger ut; nevn dem i den nye teksten der de hører hjemme)",
    ),
    (
        "note: «{}» (the paragraph before table {}) taken as its title, in {}'s `::: table` block: check it",
        "merk: «{}» (avsnittet foran tabell {}) er tatt som tittelen, i `::: table`-blokken til {}: sjekk den",
    ),
    (
        "warning: table {} ({}) has no title: write `title = \"…\"` in its `::: table` block, {} line {}, before you build",
        "advarsel: tabell {} ({}) har ingen tittel: skriv `title = \"…\"` i `::: table`-blokken, {} linje {}, før du bygger",
    ),
    ("footnote {} (left out)", "fotnote {} (utelatt)"),
    ("endnote {} (left out)", "sluttnote {} (utelatt)"),
    ("comment from {} on «{}» (left out)", "kommentar fra {} til «{}» (utelatt)"),
    ("a formula (left out)", "en formel (utelatt)"),
    ("a text box (left out)", "en tekstboks (utelatt)"),
    (
        "a chart drawn in Word (left out: give its numbers as a table)",
        "en graf tegnet i Word (utelatt: gi tallene som en tabell)",
    ),
    ("a list item of level {} (written at the first level)", "et listepunkt på nivå {} (skrevet på første nivå)"),
    ("a numbered list (written as bullets)", "en nummerert liste (skrevet som punktliste)"),
    ("italics (written upright)", "kursiv (skrevet rett)"),
    (
        "a picture linked, not embedded (a placeholder written)",
        "et lenket, ikke innebygd bilde (en plassholder skrevet)",
    ),
    (
        "a picture of type `{}` (a placeholder written: save it as PNG or JPEG)",
        "et bilde av typen `{}` (en plassholder skrevet: lagre det som PNG eller JPEG)",
    ),
    (
        "a picture missing from the document (a placeholder written)",
        "et bilde som mangler i dokumentet (en plassholder skrevet)",
    ),
    ("a picture in table {} (left out)", "et bilde i tabell {} (utelatt)"),
    (
        "a table inside table {} (written as text in its cell)",
        "en tabell inne i tabell {} (skrevet som tekst i cellen)",
    ),
    (
        "merged cells in table {}, row {} (written as an empty cell)",
        "sammenslåtte celler i tabell {}, rad {} (skrevet som en tom celle)",
    ),
    (
        "merged cells in table {}, row {} (written as the cell and {} empty ones)",
        "sammenslåtte celler i tabell {}, rad {} (skrevet som cellen og {} tomme)",
    ),
    ("a row of table {} that could not be written", "en rad i tabell {} som ikke kunne skrives"),
    (
        "a heading of level {} (written as ###, the chapter's second level)",
        "en overskrift på nivå {} (skrevet som ###, kapitlets andre nivå)",
    ),
    ("text the chapter reads as markup (check it)", "tekst kapitlet leser som markering (sjekk den)"),
    // approve and diff.
    (
        "approved {} pages and {} numbers (tables and key figures) in {} s",
        "godkjente {} side(r) og {} tall (tabeller og nøkkeltall) på {} s",
    ),
    (
        "typeset in {} s, exported in {} s, pages read in {} s; {} pages, {} of them rendered (the rest from out/.render-cache/) in {} s",
        "satt på {} s, eksportert på {} s, sidene lest på {} s; {} side(r), {} av dem tegnet (resten fra out/.render-cache/) på {} s",
    ),
    (
        "not typeset again: every input is as when out/.render-cache/{}.build.json was recorded (checked in {} s); {} pages, {} of them rendered (the rest from out/.render-cache/) in {} s",
        "ikke satt på nytt: alt utgaven bygger på, er som da out/.render-cache/{}.build.json ble skrevet (sjekket på {} s); {} side(r), {} av dem tegnet (resten fra out/.render-cache/) på {} s",
    ),
    ("compared in {} s, report written in {} s", "sammenlignet på {} s, rapporten skrevet på {} s"),
    (
        "typeset in {} s, exported in {} s, pages read in {} s; {}",
        "satt på {} s, eksportert på {} s, sidene lest på {} s; {}",
    ),
    (
        "not typeset again: every input is as when out/.render-cache/{}.build.json was recorded (checked in {} s); {}",
        "ikke satt på nytt: alt utgaven bygger på, er som da out/.render-cache/{}.build.json ble skrevet (sjekket på {} s); {}",
    ),
    (
        "not typeset again: every input is as when out/.render-cache/{}.build.json was recorded",
        "ikke satt på nytt: alt utgaven bygger på, er som da out/.render-cache/{}.build.json ble skrevet",
    ),
    ("{} pages, all from out/.render-cache/", "{} side(r), alle fra out/.render-cache/"),
    ("{} pages rendered in {} s", "{} side(r) tegnet på {} s"),
    (
        "{} pages, {} of them rendered (the rest from out/.render-cache/) in {} s",
        "{} side(r), {} av dem tegnet (resten fra out/.render-cache/) på {} s",
    ),
    (
        "{} warning(s) about the edition's data not shown here: `rapport check` lists them",
        "{} advarsel(er) om utgavens data vises ikke her: `rapport check` viser dem",
    ),
    ("unchanged: {}", "uendret: {}"),
    ("unchanged: all {} part(s) of the book", "uendret: alle {} del(er) av boka"),
    ("unchanged: the other {} part(s) of the book", "uendret: de {} andre delene av boka"),
    (
        "the words that changed, in their place: [-removed-] {+added+}",
        "ordene som er endret, der de står: [-tatt bort-] {+lagt til+}",
    ),
    ("moved from page {} to page {}: {}", "flyttet fra side {} til side {}: {}"),
    ("«{}» ({} words)", "«{}» ({} ord)"),
    ("moved from page {} to page {}", "flyttet fra side {} til side {}"),
    ("{} words", "{} ord"),
    ("Moved, not changed", "Flyttet, ikke endret"),
    ("Words that changed", "Ord som er endret"),
    ("Show the pages at full size", "Vis sidene i full størrelse"),
    ("{}, the whole page", "{}, hele siden"),
    ("removed:", "tatt bort:"),
    ("added:", "lagt til:"),
    ("green, bold", "grønn, fet"),
    (
        "compared with {}: {} pages there, {} pages now, their words and renders read out of both PDFs (a PDF holds no tables: their numbers are not compared)",
        "sammenlignet med {}: {} side(r) der, {} side(r) nå, ordene og bildene lest ut av begge PDF-ene (en PDF har ingen tabeller: tallene er ikke sammenlignet)",
    ),
    ("compared with {}: {} pages there, {} pages now", "sammenlignet med {}: {} side(r) der, {} side(r) nå"),
    ("no changes against {} (in {} s)", "ingen endringer mot {} (på {} s)"),
    (
        "{} page(s) changed, {} moved, {} removed, {} number(s) changed against {} (in {} s)",
        "{} side(r) endret, {} flyttet, {} borte, {} tall endret mot {} (på {} s)",
    ),
    (
        "expected another edition than {} to compare with, found `{}`",
        "ventet en annen utgave enn {} å sammenligne med, fant `{}`",
    ),
    ("Changes in edition {} against {}", "Endringer i utgave {} mot {}"),
    ("before, page {}", "før, side {}"),
    ("Before", "Før"),
    ("No changes.", "Ingen endringer."),
    ("the approved build", "den godkjente utgaven"),
    (
        "the charts' numbers are not compared: approved/{}/ was recorded before they were (approve again to record them)",
        "tallene i diagrammene er ikke sammenlignet: approved/{}/ ble skrevet før de ble tatt med (godkjenn på nytt for å ta dem med)",
    ),
    ("cannot read the PDF: {}", "kan ikke lese PDF-en: {}"),
    ("the PDF to compare with {}", "PDF-en å sammenligne med {}"),
    (
        "compared with approved/{}/: {} pages approved, {} pages now",
        "sammenlignet med approved/{}/: {} side(r) godkjent, {} side(r) nå",
    ),
    ("the front and back matter", "forsidene, innholdet og sluttsidene"),
    ("{}: unchanged", "{}: uendret"),
    ("{} (reflowed)", "{} (ombrutt)"),
    ("{} page(s) changed ({})", "{} side(r) endret ({})"),
    ("{} page(s) moved ({})", "{} side(r) flyttet ({})"),
    ("{} page(s) removed ({})", "{} side(r) borte ({})"),
    ("page {} ({}): new, nothing like it in {}", "side {} ({}): ny, ingenting likner den i {}"),
    ("page {} ({}): looks different, the same words", "side {} ({}): ser annerledes ut, med de samme ordene"),
    ("page {} ({}): changed (was page {})", "side {} ({}): endret (var side {})"),
    ("page {} ({}): changed", "side {} ({}): endret"),
    ("words added: {}", "ord lagt til: {}"),
    ("Changes since the approved build of edition {}", "Endringer siden godkjenningen av utgave {}"),
    ("Chapters", "Kapitler"),
    ("No changes: the build is as approved.", "Ingen endringer: utgaven er som godkjent."),
    ("approved, page {}", "godkjent, side {}"),
    ("now, page {}", "nå, side {}"),
    ("{}, {} changed region(s) boxed", "{}, {} endret(e) område(r) markert"),
    ("Numbers that changed", "Tall som er endret"),
    ("Row · column", "Rad · kolonne"),
    ("Approved", "Godkjent"),
    ("Now", "Nå"),
    ("Words added", "Ord lagt til"),
    ("Words removed", "Ord tatt bort"),
    (
        "{} page(s) changed, {} moved, {} removed, {} number(s) changed since the approved build",
        "{} side(r) endret, {} flyttet, {} borte, {} tall endret siden godkjenningen",
    ),
    (
        "{} page(s) changed, {} moved, {} removed, {} number(s) changed against {}",
        "{} side(r) endret, {} flyttet, {} borte, {} tall endret mot {}",
    ),
    ("{} page(s) changed, {} moved, {} removed against {}", "{} side(r) endret, {} flyttet, {} borte mot {}"),
    (
        "{} page(s) changed, {} moved, {} removed against {} (in {} s)",
        "{} side(r) endret, {} flyttet, {} borte mot {} (på {} s)",
    ),
    (
        "Numbers in the tables are not compared against a PDF; see the word changes.",
        "Tallene i tabellene sammenlignes ikke mot en PDF; se ordendringene.",
    ),
    ("Unchanged: {}.", "Uendret: {}."),
    ("How to read the pages", "Slik leser du sidene"),
    (
        "a red frame: where the page differs from the approved one, on both renders",
        "rød ramme: der siden er endret siden godkjenningen, vist på begge sidebildene",
    ),
    (
        "a red frame: where the page differs from the one before, on both renders",
        "rød ramme: der siden skiller seg fra den før, vist på begge sidebildene",
    ),
    ("green", "grønn"),
    ("words added", "ord lagt til"),
    ("struck through", "gjennomstreket"),
    ("words removed", "ord tatt bort"),
    ("words removed: {}", "ord tatt bort: {}"),
    ("(empty)", "(tom)"),
    ("number on a page that is gone: {}", "tall på en side som er borte: {}"),
    ("no changes: the build is as approved (in {} s)", "ingen endringer: utgaven er som godkjent (på {} s)"),
    (
        "{} page(s) changed, {} moved, {} removed, {} number(s) changed since the approved build (in {} s)",
        "{} side(r) endret, {} flyttet, {} borte, {} tall endret siden godkjenningen (på {} s)",
    ),
    (
        "no approved build of edition {}: expected approved/{}/baseline.json; run `rapport approve --edition {}` first",
        "ingen godkjent utgave av {}: ventet approved/{}/baseline.json; kjør `rapport approve --edition {}` først",
    ),
    (
        "{}:{}:{}: expected an approved baseline written by `rapport approve`, found {}; approve the edition again",
        "{}:{}:{}: ventet en godkjenning skrevet av `rapport approve`, fant {}; godkjenn utgaven på nytt",
    ),
    (
        "{}: expected a baseline of format {}, found format {}; approve the edition again",
        "{}: ventet en godkjenning i format {}, fant format {}; godkjenn utgaven på nytt",
    ),
    ("{} is not UTF-8", "{} er ikke UTF-8"),
    (
        "the contact sheet would be {} × {} pixels: choose fewer pages or a lower --ppi",
        "kontaktarket ville bli {} × {} piksler: velg færre sider eller lavere --ppi",
    ),
    ("cannot read a page's render", "kan ikke lese bildet av en side"),
    ("cannot encode the contact sheet: {}", "kan ikke lagre kontaktarket: {}"),
    ("cannot read the PDF for rendering: {}", "kan ikke lese PDF-en for å vise sidene: {}"),
    ("the PDF has no page {}", "PDF-en har ingen side {}"),
    ("cannot encode page {} as PNG: {}", "kan ikke lagre side {} som PNG: {}"),
    ("cannot clear {}", "kan ikke tømme {}"),
    ("cannot write the baseline as JSON", "kan ikke skrive godkjenningen som JSON"),
    ("ok: no errors; the layout lint has {} warning(s)", "ok: ingen feil; sidesjekken har {} advarsel(er)"),
    ("{} problem(s) in the data", "{} feil i dataene"),
    ("{} problem(s) in the edition's configuration and data", "{} feil i utgavens oppsett og data"),
    (
        "made data/{} from data/{}: {} files, years {} forward (now {}), key-figure values emptied",
        "laget data/{} fra data/{}: {} fil(er), årene flyttet {} fram (nå {}), nøkkeltallene tømt",
    ),
    (
        "{}: a workbook, copied as it is: its key figures and years are still last period's; update them in the spreadsheet",
        "{}: en arbeidsbok, kopiert som den er: nøkkeltallene og årene i den er fortsatt forrige periodes; oppdater dem i regnearket",
    ),
    ("skipped {}: a draft is not archived", "hoppet over {}: et utkast arkiveres ikke"),
    ("skipped {}: a draft is not checked by --all", "hoppet over {}: et utkast sjekkes ikke av --all"),
    ("ok: {} final edition(s) checked, no errors", "ok: {} ferdig(e) utgave(r) sjekket, ingen feil"),
    ("{} of {} final edition(s) failed the check: {}", "{} av {} ferdig(e) utgave(r) feilet i sjekken: {}"),
    (
        "note: no edition in data/ is final (`status = \"final\"` in edition.toml): nothing checked; `check --all` checks final editions only",
        "merk: ingen utgave i data/ er ferdig (`status = \"final\"` i edition.toml): ingenting sjekket; `check --all` sjekker bare ferdige utgaver",
    ),
    (
        "data/{} is a draft (`status = \"draft\"`, or no `status`, in edition.toml) and is not archived: an archive is the finished report; set `status = \"final\"` when it is",
        "data/{} er et utkast (`status = \"draft\"`, eller ingen `status`, i edition.toml) og arkiveres ikke: et arkiv er den ferdige rapporten; sett `status = \"final\"` når den er det",
    ),
    (
        "no rapport project here: expected data/ and layout/ in {} or a folder above it (or pass --project)",
        "ikke noe rapport-prosjekt her: ventet data/ og layout/ i {} eller en mappe over den (eller bruk --project)",
    ),
    // Tables and numbers.
    (
        "a number in Norwegian style (`15,1 %`, `56 693`), a status word or an empty cell",
        "et tall skrevet på norsk (`15,1 %`, `56 693`), et statusord eller en tom celle",
    ),
    ("a number with a known unit ({})", "et tall med en kjent enhet ({})"),
    (
        "a number of at most {} significant digits, which is printed exactly as written",
        "et tall med høyst {} gjeldende sifre, som skrives ut nøyaktig slik det står",
    ),
    ("this one has {} digits", "dette har {} sifre"),
    (
        "`{}` is not a unit of this edition; add it to `units` in edition.toml if it is one",
        "`{}` er ikke en enhet i denne utgaven; legg den til i `units` i edition.toml hvis den er en",
    ),
    (
        "Norwegian numbers group thousands with a space: write `{}`",
        "norske tall skiller tusener med mellomrom: skriv `{}`",
    ),
    ("Norwegian numbers use a decimal comma: write `{}`", "norske tall har desimalkomma: skriv `{}`"),
    (
        "`{}` can be read two ways: write `{}` if the dot separates thousands, or `{}` if it is a decimal point (Norwegian numbers use a decimal comma)",
        "`{}` kan leses på to måter: skriv `{}` hvis punktumet skiller tusener, eller `{}` hvis det er et desimaltegn (norske tall har desimalkomma)",
    ),
    ("expected {} cells as in the header, found {}", "ventet {} celle(r) som i overskriftsraden, fant {}"),
    (
        "expected a row of the table, found the header line again",
        "ventet en rad i tabellen, fant overskriftsraden en gang til",
    ),
    (
        "expected {} header row(s) and the rows of the table, found {} line(s)",
        "ventet {} overskriftsrad(er) og radene i tabellen, fant {} linje(r)",
    ),
    ("expected {} column(s) as declared by `columns`, found {}", "ventet {} kolonne(r) slik `columns` sier, fant {}"),
    (
        "expected the previous edition's folder {}/ with its edition.toml (`previous = \"{}\"` in edition.toml), found none: the chapters, tables and key figures cannot be compared with it, so nothing shows whether they were updated since the previous period",
        "ventet mappen til forrige utgave, {}/, med sin edition.toml (`previous = \"{}\"` i edition.toml), fant ingen: kapitlene, tabellene og nøkkeltallene kan ikke sammenlignes med den, så ingenting viser om de er oppdatert siden forrige periode",
    ),
    (
        "put the previous edition's folder back in data/ as {}/ (from the archive or version control), or, if `previous` names the wrong edition, correct it to the folder the edition was started from",
        "legg mappen til forrige utgave tilbake i data/ som {}/ (fra arkivet eller versjonskontrollen), eller, hvis `previous` nevner feil utgave, rett den til mappen utgaven ble laget fra",
    ),
    (
        "expected percentages in the column `{}` (its header says shares or percent), found only numbers from 0 to 1 without a unit, such as `{}`: fractions ({} = {} %) or percentages under 1 %?",
        "ventet prosenter i kolonnen `{}` (overskriften sier andel eller prosent), fant bare tall fra 0 til 1 uten enhet, som `{}`: brøker ({} = {} %) eller prosenter under 1 %?",
    ),
    (
        "format the column's cells as percent in the workbook (Excel: Format Cells, Percentage), or say how to read them in the `::: table` block: `column.\"{}\" = { unit = \"%\", scale = 100 }` for fractions ({} prints as {} %), or `column.\"{}\" = { unit = \"\" }` if they are numbers of another kind",
        "formater kolonnens celler som prosent i arbeidsboken (Excel: Formater celler, Prosent), eller si hvordan de skal leses i `::: table`-blokken: `column.\"{}\" = { unit = \"%\", scale = 100 }` for brøker ({} skrives ut som {} %), eller `column.\"{}\" = { unit = \"\" }` hvis de er tall av et annet slag",
    ),
    (
        "write each as a percentage with `%`: `{} %` if `{}` is a fraction, `{} %` if it is a percentage under 1 %",
        "skriv hver som en prosent med `%`: `{} %` hvis `{}` er en brøk, `{} %` hvis det er en prosent under 1 %",
    ),
    (
        "did you mean `{}`? (the names differ in upper and lower case)",
        "mente du `{}`? (navnene skiller seg i store og små bokstaver)",
    ),
    ("did you mean `{}`?", "mente du `{}`?"),
    (
        "expected a percentage (`%`) as the other numbers in this column, found `{}` without `%`",
        "ventet en prosent (`%`) som de andre tallene i denne kolonnen, fant `{}` uten `%`",
    ),
    (
        "`{}` can be read two ways ({} or, as a fraction, {}): write `{}` or `{}`",
        "`{}` kan leses på to måter ({} eller, som brøk, {}): skriv `{}` eller `{}`",
    ),
    (
        "`{}` without `%` may be a percentage or a number of another kind: write `{}` if it is a percentage",
        "`{}` uten `%` kan være en prosent eller et tall av et annet slag: skriv `{}` hvis det er en prosent",
    ),
    (
        "in the workbook, type the `%` in the cell, or format the cell as percent (Excel: Format Cells, Percentage)",
        "i arbeidsboken, skriv `%` i cellen, eller formater cellen som prosent (Excel: Formater celler, Prosent)",
    ),
    (
        "expected {} as the other numbers in this column, found {}: a column holds one kind of number",
        "ventet {} som de andre tallene i denne kolonnen, fant {}: en kolonne har én slags tall",
    ),
    ("write the minus right before the number: `{}` or `{}`", "skriv minustegnet rett foran tallet: `{}` eller `{}`"),
    (
        "expected {} as the numbers above in this column, found {}",
        "ventet {} som tallene over i denne kolonnen, fant {}",
    ),
    (
        "expected {} as the other figures of this nøkkeltall, found {}",
        "ventet {} som de andre tallene for dette nøkkeltallet, fant {}",
    ),
    ("no unit", "ingen enhet"),
    (
        "expected a table of text with `;`, tab or `,` between its cells, found no separator at all: this is not a text table (a binary file? save it as CSV)",
        "ventet en teksttabell med `;`, tabulator eller `,` mellom cellene, fant ingen skilletegn: dette er ingen teksttabell (en binærfil? lagre den som CSV)",
    ),
    ("this is not a readable CSV line: {}", "dette er ingen lesbar CSV-linje: {}"),
    // Files.
    (
        "expected a text file (UTF-8 or Windows-1252), found {}",
        "ventet en tekstfil (UTF-8 eller Windows-1252), fant {}",
    ),
    (
        "an Excel workbook (.xlsx) or another ZIP file: `::: table` and key-figure files may be workbooks (with `sheet` and `range`); here, save the sheet as CSV (semicolon-separated) and name the .csv file",
        "en Excel-arbeidsbok (.xlsx) eller en annen ZIP-fil: `::: table` og nøkkeltallsfiler kan være arbeidsbøker (med `sheet` og `range`); her må arket lagres som CSV (semikolondelt) og .csv-filen oppgis",
    ),
    (
        "an Excel 97–2003 workbook (.xls): `::: table` and key-figure files may be workbooks (with `sheet` and `range`); here, save the sheet as CSV (semicolon-separated) and name the .csv file",
        "en Excel 97–2003-arbeidsbok (.xls): `::: table` og nøkkeltallsfiler kan være arbeidsbøker (med `sheet` og `range`); her må arket lagres som CSV (semikolondelt) og .csv-filen oppgis",
    ),
    (
        "NUL bytes (a binary file, or UTF-16 without a byte-order mark)",
        "NUL-byte (en binærfil, eller UTF-16 uten byte-rekkefølgemerke)",
    ),
    ("binary data", "binære data"),
    ("expected text, found the control character U+{}", "ventet tekst, fant kontrolltegnet U+{}"),
    ("expected the chapter's text, found an empty file", "ventet kapitlets tekst, fant en tom fil"),
    ("{}: cannot read this file: {}", "{}: kan ikke lese filen: {}"),
    // Files read with a limit (`paths::read_regular`).
    (
        "cannot read {}: expected at most {}, found it growing past that",
        "kan ikke lese {}: ventet høyst {}, fant at den vokste forbi det",
    ),
    ("cannot read {}: expected at most {}, found {}", "kan ikke lese {}: ventet høyst {}, fant {}"),
    (
        "cannot read {}: expected a regular file, found a device, pipe or folder",
        "kan ikke lese {}: ventet en vanlig fil, fant en enhet, et rør eller en mappe",
    ),
    ("cannot read this file: {}", "kan ikke lese filen: {}"),
    ("expected a path inside the edition folder, found `{}`", "ventet en sti inne i utgavens mappe, fant `{}`"),
    (
        "expected a file inside the edition folder, found a link that leads out of it",
        "ventet en fil inne i utgavens mappe, fant en lenke som fører ut av den",
    ),
    ("named by chapter `{}` in {}", "nevnt av kapitlet `{}` i {}"),
    ("named at {}", "nevnt i {}"),
    ("in the `::: {}` block: {}", "i `::: {}`-blokken: {}"),
    ("in {}", "i {}"),
    // Workbooks.
    (
        "{}: expected `sheet = \"…\"` in the block: the workbook has {} sheets ({})",
        "{}: ventet `sheet = \"…\"` i blokken: arbeidsboken har {} ark ({})",
    ),
    (
        "{}: expected `sheet` to be one of the workbook's sheets ({}), found `{}`",
        "{}: ventet at `sheet` er ett av arbeidsbokens ark ({}), fant `{}`",
    ),
    (
        "{}: expected `range` as two cells such as `A3:D12`, the first above and left of the second, found `{}`",
        "{}: ventet `range` som to celler, f.eks. `A3:D12`, den første over og til venstre for den andre, fant `{}`",
    ),
    (
        "expected a number or text, found the spreadsheet error `{}`",
        "ventet et tall eller tekst, fant regnearkfeilen `{}`",
    ),
    (
        "expected a number or text, found a date or time (format the cell as a number or as text)",
        "ventet et tall eller tekst, fant en dato eller et klokkeslett (formater cellen som tall eller tekst)",
    ),
    ("expected a number or text, found the truth value {}", "ventet et tall eller tekst, fant sannhetsverdien {}"),
    (
        "expected the `::: key-figures` block to say how the workbook stores percent figures, found a number in a row whose target is in % and a cell not formatted as percent: Excel may hold 15,1 % as the fraction 0,151 or as the number 15,1. Add one line to the chapter's `::: key-figures` block: `percent-as-fraction = true` if the sheet holds fractions (0,151), or `percent-as-fraction = false` if it holds percentages typed as numbers (15,1); or format the cells as percent in Excel (Format Cells → Percentage)",
        "ventet at `::: key-figures`-blokken sier hvordan arbeidsboken lagrer prosenttall, fant et tall i en rad der målet er i % og cellen ikke er formatert som prosent: Excel kan lagre 15,1 % som brøken 0,151 eller som tallet 15,1. Legg til én linje i kapitlets `::: key-figures`-blokk: `percent-as-fraction = true` hvis arket har brøker (0,151), eller `percent-as-fraction = false` hvis det har prosenttall skrevet som tall (15,1); eller formater cellene som prosent i Excel (Formater celler → Prosent)",
    ),
    (
        "expected a fraction from −1 to 1 ({} for {} %), as the block's `percent-as-fraction = true` says, found `{}`, which could be read two ways: as {} % typed as a number (then type the fraction {}), or as a share of {} % (then format the cell as percent in Excel, Format Cells → Percentage, and it is read as it shows); if the sheet holds every percent figure typed as a number, write `percent-as-fraction = false` in the chapter's `::: key-figures` block",
        "ventet en brøk fra −1 til 1 ({} for {} %), slik blokkens `percent-as-fraction = true` sier, fant `{}`, som kan leses på to måter: som {} % skrevet som tall (skriv da brøken {}), eller som en andel på {} % (formater da cellen som prosent i Excel, Formater celler → Prosent, så leses den slik den vises); hvis arket har alle prosenttall skrevet som tall, skriv `percent-as-fraction = false` i kapitlets `::: key-figures`-blokk",
    ),
    (
        "expected a fraction near the row's other figures ({} % to {} %), as the block's `percent-as-fraction = true` says, found `{}`, which prints as {} %, {} times larger: if you meant {} %, type {} (the fraction); if {} % is right, format the cell as percent in Excel (Format Cells → Percentage), which is read as it shows",
        "ventet en brøk nær radens andre tall ({} % til {} %), slik blokkens `percent-as-fraction = true` sier, fant `{}`, som blir {} %, {} ganger større: mente du {} %, skriv {} (brøken); er {} % riktig, formater cellen som prosent i Excel (Formater celler → Prosent), så leses den slik den vises",
    ),
    (
        "expected a fraction near the row's other figures ({} % to {} %), as the block's `percent-as-fraction = true` says, found `{}`, which prints as {} %, {} times smaller: check the cell (a digit too few or a zero too many?); if {} % is right, format the cell as percent in Excel (Format Cells → Percentage), which is read as it shows",
        "ventet en brøk nær radens andre tall ({} % til {} %), slik blokkens `percent-as-fraction = true` sier, fant `{}`, som blir {} %, {} ganger mindre: sjekk cellen (et siffer for lite eller en null for mye?); er {} % riktig, formater cellen som prosent i Excel (Formater celler → Prosent), så leses den slik den vises",
    ),
    (
        "expected a workbook (.xlsx, .xls, .ods) for `sheet`, `range` or `percent-as-fraction`, found `{}`",
        "ventet en arbeidsbok (.xlsx, .xls, .ods) for `sheet`, `range` eller `percent-as-fraction`, fant `{}`",
    ),
    (
        "expected a workbook (.xlsx, .xls, .ods) for `sheet`, `range`, `unit`, `scale`, `decimals` or `column`, found `{}`",
        "ventet en arbeidsbok (.xlsx, .xls, .ods) for `sheet`, `range`, `unit`, `scale`, `decimals` eller `column`, fant `{}`",
    ),
    // Workbooks: bounds before anything is allocated.
    (
        "expected the parts of a workbook to inflate to at most {} MB each, found `{}`, which inflates to more",
        "ventet at delene av en arbeidsbok pakkes ut til høyst {} MB hver, fant `{}`, som pakkes ut til mer",
    ),
    (
        "expected a workbook that inflates to at most {} MB in all, found one that inflates to more",
        "ventet en arbeidsbok som pakkes ut til høyst {} MB i alt, fant en som pakkes ut til mer",
    ),
    (
        "expected a workbook whose parts match their checksums, found `{}` damaged (its checksum does not match its contents)",
        "ventet en arbeidsbok der delene stemmer med kontrollsummene, fant `{}` skadet (kontrollsummen stemmer ikke med innholdet)",
    ),
    (
        "expected a readable workbook, found a damaged ZIP file: {}",
        "ventet en lesbar arbeidsbok, fant en skadet ZIP-fil: {}",
    ),
    (
        "expected a readable workbook, found a damaged .xls file ({})",
        "ventet en lesbar arbeidsbok, fant en skadet .xls-fil ({})",
    ),
    ("its header counts more sectors than the file has", "hodet teller flere sektorer enn filen har"),
    ("its sector table runs in a circle", "sektortabellen går i ring"),
    ("a part longer than the file", "en del som er lengre enn filen"),
    ("a chain of its sectors runs in a circle", "en kjede av sektorene går i ring"),
    ("expected a readable ODS workbook, found damaged XML: {}", "ventet en lesbar ODS-arbeidsbok, fant skadet XML: {}"),
    ("expected a readable sheet `{}`, found damaged XML: {}", "ventet et lesbart ark `{}`, fant skadet XML: {}"),
    ("expected a readable sheet `{}`, found a damaged one", "ventet et lesbart ark `{}`, fant et skadet ark"),
    ("expected `{}` to be a count, found `{}`", "ventet at `{}` er et antall, fant `{}`"),
    (
        "expected sheet `{}` to span at most {} cells once its repeated rows and cells are counted, found {}",
        "ventet at arket `{}` spenner over høyst {} celle(r) når gjentatte rader og celler telles med, fant {}",
    ),
    (
        "expected the sheets of a workbook to span at most {} cells together, found {}",
        "ventet at arkene i en arbeidsbok til sammen spenner over høyst {} celle(r), fant {}",
    ),
    (
        "expected the sheets of a workbook to declare at most {} cells each, found one declaring {}",
        "ventet at hvert ark i en arbeidsbok oppgir høyst {} celle(r), fant ett som oppgir {}",
    ),
    (
        "expected sheet `{}` to have at most {} filled cells, found more",
        "ventet at arket `{}` har høyst {} utfylte celler, fant flere",
    ),
    (
        "expected `range` to span at most {} cells, found `{}` ({} cells)",
        "ventet at `range` spenner over høyst {} celle(r), fant `{}` ({} celle(r))",
    ),
    (
        "expected the filled cells of sheet `{}` to span at most {} cells, found {} ({} cells): set `range` to the table's cells",
        "ventet at de utfylte cellene i arket `{}` spenner over høyst {} celle(r), fant {} ({} celle(r)): sett `range` til tabellens celler",
    ),
    (
        "expected an .xlsx, .xlsm, .xls or .ods workbook, found an Excel binary workbook (.xlsb): save it as .xlsx",
        "ventet en .xlsx-, .xlsm-, .xls- eller .ods-arbeidsbok, fant en binær Excel-arbeidsbok (.xlsb): lagre den som .xlsx",
    ),
    (
        "expected a workbook of at most {} shared strings, found {}",
        "ventet en arbeidsbok med høyst {} delte tekster, fant {}",
    ),
    ("and {} more problems in sheet `{}`", "og {} feil til i arket `{}`"),
    ("{} (and at {} more cells: {})", "{} (og i {} celle(r) til: {})"),
    (
        "expected every row of the range to be visible, found hidden rows in the sheet: {} (a hidden row would print though the sheet does not show it): unhide them in Excel (select the rows around them, right-click, Unhide) or delete them, or set `range` to leave them out",
        "ventet at alle radene i området er synlige, fant skjulte rader i arket: {} (en skjult rad ville blitt skrevet ut selv om arket ikke viser den): vis dem i Excel (merk radene rundt dem, høyreklikk, Vis) eller slett dem, eller sett `range` slik at de holdes utenfor",
    ),
    (
        "expected every column of the range to be visible, found hidden columns in the sheet: {} (a hidden column would print though the sheet does not show it): unhide them in Excel (select the columns around them, right-click, Unhide) or delete them, or set `range` to leave them out",
        "ventet at alle kolonnene i området er synlige, fant skjulte kolonner i arket: {} (en skjult kolonne ville blitt skrevet ut selv om arket ikke viser den): vis dem i Excel (merk kolonnene rundt dem, høyreklikk, Vis) eller slett dem, eller sett `range` slik at de holdes utenfor",
    ),
    // Workbooks: what a sheet means.
    (
        "expected the first row of sheet `{}` to be the table's header, found only `{}` in {} (a title above the table?): set `range` to the table's cells, header first, e.g. `range = \"{}:{}\"`",
        "ventet at første rad i arket `{}` er tabellens overskriftsrad, fant bare `{}` i {} (en tittel over tabellen?): sett `range` til tabellens celler, overskriften først, f.eks. `range = \"{}:{}\"`",
    ),
    (
        "expected `column.{}` to name a column of the range by its header or letter ({}), found none",
        "ventet at `column.{}` navngir en kolonne i området med overskrift eller bokstav ({}), fant ingen",
    ),
    (
        "expected `column.{}` to name a number column, found the text column `{}`",
        "ventet at `column.{}` navngir en tallkolonne, fant tekstkolonnen `{}`",
    ),
    (
        "expected column `{}` to be read as the percentages its cells show (formatted as percent in the workbook: 0.951 shows 95,1 %), found {}: leave it out, or write `unit = \"%\"` and `scale = 100`",
        "ventet at kolonnen `{}` leses som prosentene cellene viser (formatert som prosent i arbeidsboken: 0.951 vises som 95,1 %), fant {}: ta det bort, eller skriv `unit = \"%\"` og `scale = 100`",
    ),
    (
        "expected the cells of column `{}` formatted as percent, as the table's `unit = \"%\"` and `scale = 100` say, found them formatted as plain numbers in the workbook: give the column its own, e.g. `column.\"{}\" = { unit = \"\", scale = 1 }`",
        "ventet at cellene i kolonnen `{}` er formatert som prosent, slik tabellens `unit = \"%\"` og `scale = 100` sier, fant dem formatert som vanlige tall i arbeidsboken: gi kolonnen egne innstillinger, f.eks. `column.\"{}\" = { unit = \"\", scale = 1 }`",
    ),
    (
        "expected numbers of at most {} decimals in column `{}`, found {}: set `decimals` for the column, e.g. `{}`",
        "ventet tall med høyst {} desimal(er) i kolonnen `{}`, fant {}: sett `decimals` for kolonnen, f.eks. `{}`",
    ),
    (
        "expected the table-wide {} to hold for every number column, found `{}` in column `{}`, whose cells do not show it (a table of more than one number column: each column's cells formatted as percent, fractions from −1 to 1 with `scale = 100`, or a number format with the unit): give the column its own settings, e.g. {}",
        "ventet at tabellens {} gjelder for hver tallkolonne, fant `{}` i kolonnen `{}`, der cellene ikke viser det (en tabell med mer enn én tallkolonne: hver kolonnes celler formatert som prosent, brøker fra −1 til 1 med `scale = 100`, eller et tallformat med enheten): gi kolonnen egne innstillinger, f.eks. {}",
    ),
    // Number formats of several sections.
    (
        "expected the sections of the number format `{}` to show one kind of number, found {}: say what column `{}` holds in its `::: table` block: {}",
        "ventet at delene av tallformatet `{}` viser én slags tall, fant {}: si hva kolonnen `{}` inneholder i `::: table`-blokken: {}",
    ),
    (
        "expected the sections of the number format `{}` to show one kind of number, found {}: give the row a percent target (`> 10 %`) and write `percent-as-fraction = true` or `false` in the `::: key-figures` block, or give the cell a number format whose sections agree",
        "ventet at delene av tallformatet `{}` viser én slags tall, fant {}: gi raden et prosentmål (`> 10 %`) og skriv `percent-as-fraction = true` eller `false` i `::: key-figures`-blokken, eller gi cellen et tallformat der delene stemmer overens",
    ),
    ("`{}` {} and `{}` {}", "`{}` {} og `{}` {}"),
    ("a percentage", "en prosent"),
    ("a plain number", "et vanlig tall"),
    ("a number in `{}` divided by {}", "et tall i `{}` delt på {}"),
    ("a number in `{}`", "et tall i `{}`"),
    ("a number divided by {}", "et tall delt på {}"),
    (
        "`{}` for shares stored as fractions (0,25 prints 25 %), or `{}` for plain numbers",
        "`{}` for andeler lagret som brøk (0,25 gir 25 %), eller `{}` for vanlige tall",
    ),
    (
        "its unit and scale as the numbers are stored, e.g. `{}`",
        "enheten og skalaen slik tallene er lagret, f.eks. `{}`",
    ),
    (
        "expected the cell's number format to show its number, found `{}`, which shows `{}` for {}: if the report should print `{}` as the sheet shows it, add it to `status-words` in edition.toml (the cell is then read as those words); else write in the cell what is meant, or change its number format",
        "ventet at cellens tallformat viser tallet, fant `{}`, som viser `{}` for {}: skal rapporten skrive `{}` slik arket viser det, legg det til i `status-words` i edition.toml (cellen leses da som de ordene); skriv ellers i cellen det som menes, eller endre tallformatet",
    ),
    (
        "expected `over-100 = true` together with `unit = \"%\"` and `scale = 100` (fractions printed as percentages), found it without them",
        "ventet `over-100 = true` sammen med `unit = \"%\"` og `scale = 100` (brøker skrevet ut som prosent), fant den uten dem",
    ),
    (
        "expected shares stored as fractions from −1 to 1 in column `{}`, as `unit = \"%\"` and `scale = 100` say, found `{}`: the numbers look like percentages already ({}): remove `scale = 100`, or store them as fractions ({}); if fractions over 1 are meant (1,25 for 125 %), add `over-100 = true` to the column's settings: `column.\"{}\" = { unit = \"%\", scale = 100, over-100 = true }`",
        "ventet andeler lagret som brøk fra −1 til 1 i kolonnen `{}`, slik `unit = \"%\"` og `scale = 100` sier, fant `{}`: tallene ser ut som prosent allerede ({}): fjern `scale = 100`, eller lagre dem som brøk ({}); hvis brøker over 1 er ment (1,25 for 125 %), legg til `over-100 = true` i kolonnens innstillinger: `column.\"{}\" = { unit = \"%\", scale = 100, over-100 = true }`",
    ),
    (
        "expected a figure in `{}` as its row's target, found a cell whose format shows `%` after its number",
        "ventet et tall i `{}` som radens mål, fant en celle der formatet viser `%` etter tallet",
    ),
    (
        "expected fractions, as the block's `percent-as-fraction = true` says, found a cell whose format shows `%` after its number (a percentage already): format the cell as percent, or write `percent-as-fraction = false`",
        "ventet brøker, slik blokkens `percent-as-fraction = true` sier, fant en celle der formatet viser `%` etter tallet (allerede prosent): formater cellen som prosent, eller skriv `percent-as-fraction = false`",
    ),
    (
        "`{}` for plain numbers, or `{}` for shares stored as fractions",
        "`{}` for vanlige tall, eller `{}` for andeler lagret som brøker",
    ),
    ("`{}` for plain numbers", "`{}` for vanlige tall"),
    ("`{}`, the unit its cells show", "`{}`, enheten cellene viser"),
    (
        "expected shares stored as fractions from −1 to 1 in column `{}`, as `unit = \"%\"` and `scale = 100` say, found `{}`: the numbers look like percentages already ({}): remove `scale = 100`, or store them as fractions ({})",
        "ventet andeler lagret som brøk fra −1 til 1 i kolonnen `{}`, slik `unit = \"%\"` og `scale = 100` sier, fant `{}`: tallene ser ut som prosent allerede ({}): fjern `scale = 100`, eller lagre dem som brøk ({})",
    ),
    (
        "expected the cells of column `{}` without a unit, as the block says, found a cell the workbook shows in `{}` (its number format): write `{}`, or change the cell's format",
        "ventet at cellene i kolonnen `{}` er uten enhet, slik blokken sier, fant en celle arbeidsboken viser i `{}` (tallformatet): skriv `{}`, eller endre cellens format",
    ),
    ("`{}` and `{}`", "`{}` og `{}`"),
    (
        "expected the cells of column `{}` in `{}`, as the block says, found a cell the workbook shows in `{}` (its number format): write `{}`, or change the cell's format",
        "ventet at cellene i kolonnen `{}` er i `{}`, slik blokken sier, fant en celle arbeidsboken viser i `{}` (tallformatet): skriv `{}`, eller endre cellens format",
    ),
    (
        "expected the cells of column `{}` stored as the block's `scale` says, found a number format that divides by {} (trailing commas): leave `scale` out, the format's division is applied",
        "ventet at cellene i kolonnen `{}` er lagret slik blokkens `scale` sier, fant et tallformat som deler på {} (komma til slutt): ta bort `scale`, formatets deling brukes",
    ),
    ("`{}` ({} decimals)", "`{}` ({} desimal(er))"),
    ("expected a figure of at most 10 decimals, found {}", "ventet et tall med høyst 10 desimaler, fant {}"),
    ("expected a number of at most 10 decimals, found {}", "ventet et tall med høyst 10 desimaler, fant {}"),
    (
        "expected one value in each cell of the table, found the cells {} merged (the rows or columns it covers would print empty): unmerge them and write the value in each cell",
        "ventet én verdi i hver celle i tabellen, fant cellene {} slått sammen (radene eller kolonnene de dekker ville blitt skrevet ut tomme): del dem opp og skriv verdien i hver celle",
    ),
    (
        "expected the value a formula computes, found the formula `={}` stored without its value (the workbook was written by a program, not saved by a spreadsheet): open and save it in Excel or LibreOffice",
        "ventet verdien en formel regner ut, fant formelen `={}` lagret uten verdien (arbeidsboken er skrevet av et program, ikke lagret av et regneark): åpne og lagre den i Excel eller LibreOffice",
    ),
    (
        "expected a figure in `{}` as its row's target, found a cell formatted as percent",
        "ventet et tall i `{}` som radens mål, fant en celle formatert som prosent",
    ),
    (
        "expected percentages typed as numbers, as the block's `percent-as-fraction = false` says, found a cell formatted as percent (a fraction): write `percent-as-fraction = true`",
        "ventet prosenttall skrevet som tall, slik blokkens `percent-as-fraction = false` sier, fant en celle formatert som prosent (en brøk): skriv `percent-as-fraction = true`",
    ),
    (
        "expected the row's target to give the figure's unit (e.g. `> 10 %`), found none: with `percent-as-fraction = true`, `{}` may be a fraction of a percent or a number of its own; write the target, or format the cell as percent",
        "ventet at radens mål gir tallets enhet (f.eks. `> 10 %`), fant ingen: med `percent-as-fraction = true` kan `{}` være en brøkdel av en prosent eller et eget tall; skriv målet, eller formater cellen som prosent",
    ),
    (
        "expected `scale` to be a number other than 0 (e.g. `100`), found `{}`",
        "ventet at `scale` er et annet tall enn 0 (f.eks. `100`), fant `{}`",
    ),
    (
        "`scale` from 0.000000001 to 1000000000 in size (e.g. `100` for fractions shown as percent, `0.001` for thousands)",
        "`scale` fra 0,000000001 til 1000000000 i størrelse (f.eks. `100` for brøker vist som prosent, `0.001` for tusener)",
    ),
    ("expected `decimals` from 0 to {}, found `{}`", "ventet `decimals` fra 0 til {}, fant `{}`"),
    // Sums and shares.
    (
        "expected the sum of the {} row(s) above, {}, in the sum row `{}` (within ±{}, the rounding of the printed numbers), found `{}`",
        "ventet summen av {} rad(er) over, {}, i summeraden `{}` (innenfor ±{}, avrundingen av tallene slik de står), fant `{}`",
    ),
    (
        "expected the sum of the {} row(s) above, {}, in the sum row `{}` (exactly: whole numbers of counts or amounts are not rounded), found `{}`",
        "ventet summen av {} rad(er) over, {}, i summeraden `{}` (nøyaktig: hele tall for antall eller beløp er ikke avrundet), fant `{}`",
    ),
    (
        "if the figures above are rounded (amounts shown without their decimals), say so in the `::: table` block: `rounded-parts = [\"{}\"]`",
        "er tallene over avrundet (beløp vist uten desimalene sine), si det i `::: table`-blokken: `rounded-parts = [\"{}\"]`",
    ),
    (
        "expected a share of at most 100 % (the nøkkeltall «{}» is an andel), found `{}`",
        "ventet en andel på høyst 100 % (nøkkeltallet «{}» er en andel), fant `{}`",
    ),
    (
        "if the figure is right (a share of another quantity, as debt of income, can pass 100 %), say so in the chapter's `::: key-figures` block: `over-100 = [\"{}\"]`",
        "er tallet riktig (en andel av en annen størrelse, som gjeld av inntekt, kan gå over 100 %), si det i kapitlets `::: key-figures`-blokk: `over-100 = [\"{}\"]`",
    ),
    (
        "expected `over-100` to name a nøkkeltall of the box that is a share (its text says `andel`), found `{}`",
        "ventet at `over-100` nevner et nøkkeltall i boksen som er en andel (teksten sier `andel`), fant `{}`",
    ),
    (
        "expected a share of at most 100 % in the column `{}` (a column of shares), found `{}`",
        "ventet en andel på høyst 100 % i kolonnen `{}` (en kolonne av andeler), fant `{}`",
    ),
    (
        "if the figure is right (a share of another quantity can pass 100 %), say so in the `::: table` block: `over-100 = [\"{}\"]`",
        "er tallet riktig (en andel av en annen størrelse kan gå over 100 %), si det i `::: table`-blokken: `over-100 = [\"{}\"]`",
    ),
    (
        "expected `{}` to name a column of the table by its header, found `{}`",
        "ventet at `{}` nevner en kolonne i tabellen ved overskriften, fant `{}`",
    ),
    (
        "expected the new edition's period in its id (`{}`) or with `--period {}`, found the id `{}`, which names no period: the years of the new edition are never guessed",
        "ventet den nye utgavens periode i id-en (`{}`) eller med `--period {}`, fant id-en `{}`, som ikke sier noen periode: den nye utgavens år gjettes aldri",
    ),
    ("cannot roll the years of `{}` in edition.toml", "kan ikke rulle årene i `{}` i edition.toml"),
    ("cannot read edition.toml as TOML", "kan ikke lese edition.toml som TOML"),
    (
        "cannot roll the year {} of `years` forward: it is beyond the years a report can name; correct `years` in edition.toml",
        "kan ikke rulle året {} i `years` fremover: det er utenfor årene en rapport kan nevne; rett `years` i edition.toml",
    ),
    (
        "expected a period of {} years as {}'s ({}), found {}: the key figures' year columns would not match",
        "ventet en periode på {} år som i {} ({}), fant {}: nøkkeltallenes årskolonner ville ikke passe",
    ),
    (
        "expected the rows the sum row `{}` adds up above it, found none",
        "ventet radene summeraden `{}` legger sammen over den, fant ingen",
    ),
    (
        "expected a number in the row `{}`, a part of the sum row `{}` below it, found an empty cell",
        "ventet et tall i raden `{}`, en del av summeraden `{}` under den, fant en tom celle",
    ),
    (
        "write the figure (`0` if it is nothing); if the row's empty cells mean nothing (no such item then), say so in the `::: table` block: `empty-parts = [\"{}\"]`",
        "skriv tallet (`0` hvis det er null); betyr radens tomme celler ingenting (det fantes ikke da), si det i `::: table`-blokken: `empty-parts = [\"{}\"]`",
    ),
    (
        "expected the row `{}`, named like a sum or not, to be the sum of the rows above it or the block to say which it is, found that it is not their sum",
        "ventet at raden `{}`, som kan være en sum eller ikke, er summen av radene over, eller at blokken sier hva den er, fant at den ikke er summen deres",
    ),
    (
        "if the row is the sum of the rows above it, say so in the `::: table` block, and its figures are checked: `sum-rows = [\"{}\"]`",
        "er raden summen av radene over, si det i `::: table`-blokken, så kontrolleres tallene: `sum-rows = [\"{}\"]`",
    ),
    (
        "if the row is not the sum of the rows above it, say so in the `::: table` block: `not-sums = [\"{}\"]`",
        "er raden ikke summen av radene over, si det i `::: table`-blokken: `not-sums = [\"{}\"]`",
    ),
    (
        "if the column's figure in the sum row is not a sum (an average, a rate or a percentage), say so in the `::: table` block, and the row's other columns are still checked: `totals = { \"{}\" = \"average\" }`",
        "er kolonnens tall i summeraden ikke en sum (et gjennomsnitt, en rate eller en prosent), si det i `::: table`-blokken, så kontrolleres radens andre kolonner fortsatt: `totals = { \"{}\" = \"average\" }`",
    ),
    (
        "expected an average of the {} row(s) above, from {} to {}, in the sum row `{}`, found `{}`",
        "ventet et gjennomsnitt av {} rad(er) over, fra {} til {}, i summeraden `{}`, fant `{}`",
    ),
    ("and {} more problem(s) in this table", "og {} feil til i denne tabellen"),
    (
        "expected the {} shares of this {} chart (parts of one whole) to {}, within the rounding of each, found {}",
        "ventet at {} andel(er) i denne {}-grafen (deler av én helhet) {}, innenfor avrundingen av hver, fant {}",
    ),
    ("add up to 100 %", "til sammen er 100 %"),
    ("add up to at most 100 %", "til sammen er høyst 100 %"),
    // A problem of a workbook shown at its block: the workbook's path, then the problem.
    ("{}.xlsx: {}", "{}.xlsx: {}"),
    ("{}.xlsm: {}", "{}.xlsm: {}"),
    ("{}.xls: {}", "{}.xls: {}"),
    ("{}.ods: {}", "{}.ods: {}"),
    // Key figures and editions.
    (
        "expected `key-figures` for chapter `{}` in edition.toml, found none",
        "ventet `key-figures` for kapitlet `{}` i edition.toml, fant ingen",
    ),
    ("unknown field `{}`, expected `{}` or `{}`", "ukjent nøkkel `{}`, ventet `{}` eller `{}`"),
    ("unknown field `{}`, expected one of {}", "ukjent nøkkel `{}`, ventet en av {}"),
    // Where a key typed in the wrong table of edition.toml belongs.
    ("{}: `{}` belongs {}", "{}: `{}` hører hjemme {}"),
    (
        "at the top of edition.toml, above the first `[…]` or `[[…]]` line (a key below such a line belongs to its table)",
        "øverst i edition.toml, over den første `[…]`- eller `[[…]]`-linjen (en nøkkel under en slik linje hører til den tabellen)",
    ),
    ("in a `[[parts]]` entry", "i en `[[parts]]`-oppføring"),
    ("in a chapter's `[[parts.chapters]]` entry", "i et kapittels `[[parts.chapters]]`-oppføring"),
    ("under `[confirm]`", "under `[confirm]`"),
    ("under `[print]`", "under `[print]`"),
    ("under `[web]`", "under `[web]`"),
    ("in a `[[maps]]` entry", "i en `[[maps]]`-oppføring"),
    ("{}; this edition is skipped", "{}; denne utgaven hoppes over"),
    ("unknown field `{}`, expected `{}`", "ukjent nøkkel `{}`, ventet `{}`"),
    ("missing field `{}`", "nøkkelen `{}` mangler"),
    // The layout lint's make-up checks and the print file's small type.
    (
        "an empty band of {} % of the type area ({} mm, {}–{} mm from its top) between content above and below",
        "et tomt felt på {} % av satsflaten ({} mm, {}–{} mm fra toppen) mellom innhold over og under",
    ),
    (
        "a chapter's last page filled {} % of its type area (at least {} %)",
        "et kapittels siste side fyller {} % av satsflaten (minst {} %)",
    ),
    ("a page filled {} % of its type area (at least {} %)", "en side fyller {} % av satsflaten (minst {} %)"),
    ("the page holds only a picture or a position mark", "siden har bare et bilde eller en plassholder"),
    ("a summary box is split across pages {}–{}", "en oppsummeringsboks er delt over sidene {}–{}"),
    ("«{}» does not hold: {} (`{}`)", "«{}» stemmer ikke: {} (`{}`)"),
    ("«{}» does not hold: {}", "«{}» stemmer ikke: {}"),
    ("no {} marked `<lint-float>` follows it", "ingen {} merket `<lint-float>` følger etter"),
    ("the document is one-sided (the {} is on page {})", "dokumentet er ensidig ({} står på side {})"),
    ("the {} is on page {}, not on the facing right-hand page", "{} står på side {}, ikke på høyresiden i oppslaget"),
    ("the {} is on page {}", "{} står på side {}"),
    (
        "a word is hyphenated at the page's end across a leaf turn: «{}-» / «{}»",
        "et ord er delt ved sidens slutt over et bladvend: «{}-» / «{}»",
    ),
    ("a word is hyphenated at the page's end: «{}-» / «{}»", "et ord er delt ved sidens slutt: «{}-» / «{}»"),
    ("a paragraph ends on a hyphen's tail: «{}-» / «{}»", "et avsnitt slutter på resten av et delt ord: «{}-» / «{}»"),
    (
        "small coloured type changed hue in print: {} prints in {}, its hue {} off ({} run(s) under {} pt)",
        "liten farget tekst skifter fargetone på trykk: {} trykkes i {}, fargetonen {} unna ({} tekstbit(er) under {} pt)",
    ),
    (
        "expected text under {} pt in one ink (a grey) or two (a colour), found {} glyph(s) in more, e.g. {}: a registration risk",
        "ventet tekst under {} pt i én farge (grå) eller to (en farge), fant {} tegn i flere, f.eks. {}: fare for dårlig passing",
    ),
    ("table", "tabellen"),
    ("chart or figure", "figuren"),
    ("floating item", "figuren eller tabellen"),
    ("map", "kartet"),
    ("photo", "bildet"),
    // Preflight: a cover file is known by its shape, not by a key any file can carry.
    (
        "{} (the file's `RapportCover` is not taken: expected a cover file's two spreads of one trim, wider than high, found {})",
        "{} (filens `RapportCover` godtas ikke: ventet omslagsfilens to oppslag i samme format, bredere enn høye, fant {})",
    ),
    ("a page count that is a multiple of {}", "et sidetall som er et multiplum av {}"),
    ("a file of {} pages", "en fil på {} side(r)"),
    ("pages without a TrimBox", "sider uten TrimBox"),
    ("two pages of different trims", "to sider i ulike formater"),
    ("pages of {} × {} mm, higher than wide", "sider på {} × {} mm, høyere enn brede"),
    // Preflight: what a printer's own preflight catches.
    (
        "expected an unencrypted PDF (a printer's tools refuse or mangle encrypted files), found an encrypted one",
        "ventet en ukryptert PDF (trykkeriets verktøy avviser eller ødelegger krypterte filer), fant en kryptert",
    ),
    (
        "expected transparency to blend in CMYK (a group's /CS), found {}: the flattened colours shift",
        "ventet at gjennomsiktighet blandes i CMYK (en gruppes /CS), fant {}: fargene forskyves når de flates ut",
    ),
    ("{} on the page", "{} på siden"),
    ("{} in form {} {}", "{} i skjemaobjekt {} {}"),
    (
        "expected `/Trapped /True` or `/False` in the document information (whether the file is trapped), found {}",
        "ventet `/Trapped /True` eller `/False` i dokumentinformasjonen (om filen har overfylling), fant {}",
    ),
    ("no `Trapped` key", "ingen `Trapped`-nøkkel"),
    ("a value that is not a name", "en verdi som ikke er et navn"),
    (
        "a boolean where a name belongs (`/True`, `/False`)",
        "en sannhetsverdi der det skal stå et navn (`/True`, `/False`)",
    ),
    (
        "expected a PDF/X file (it claims `GTS_PDFXVersion`) to carry its output intent, found {}",
        "ventet at en PDF/X-fil (den oppgir `GTS_PDFXVersion`) har sin output intent, fant {}",
    ),
    ("no `GTS_PDFX` intent with a profile", "ingen `GTS_PDFX`-intent med profil"),
    ("none", "ingen"),
    (
        "expected no annotations inside the bleed (only printer's marks), found {} ({})",
        "ventet ingen annoteringer innenfor utfallet (bare trykkmerker), fant {} ({})",
    ),
    (
        "expected white to knock out, found {} white object(s) set to overprint ({} text run(s)): on press they vanish",
        "ventet at hvitt sparer ut, fant {} hvite objekt(er) satt til overtrykk ({} tekstbit(er)): på trykk forsvinner de",
    ),
    ("expected a readable pattern, found pattern {} {}: {}", "ventet et lesbart mønster, fant mønster {} {}: {}"),
    ("a JPEG that cannot be decoded ({})", "en JPEG som ikke kan dekodes ({})"),
    ("a JPEG of {} components where its colour space has 4", "en JPEG med {} komponent(er) der fargerommet har 4"),
    ("a JPEG of {} × {} pixels, more than its image declares", "en JPEG på {} × {} piksler, mer enn bildet oppgir"),
    // Preflight: every finding of the table, its summary and verdict.
    ("{} pages: {} error(s), {} warning(s)", "{} side(r): {} feil, {} advarsel(er)"),
    ("ok: {} passes preflight", "ok: {} består preflight"),
    ("preflight of {}: {} error(s)", "preflight av {}: {} feil"),
    (
        "preflight of {}: the file holds {} position mark(s) for missing pictures, figures, maps or charts (pass --allow-placeholders to check a proof)",
        "preflight av {}: filen har {} plassholder(e) for bilder, figurer, kart eller grafer som mangler (bruk --allow-placeholders for å sjekke et prøvetrykk)",
    ),
    ("the cover file of edition {}", "omslagsfilen til utgave {}"),
    ("the book block of edition {}", "innmaten til utgave {}"),
    ("the print file of edition {}", "trykkfilen til utgave {}"),
    (
        "note: no edition's [print] could be read; the preflight's default rules apply",
        "merk: ingen utgaves [print] kunne leses; preflight bruker standardreglene",
    ),
    (
        "expected a PDF with a document catalog (/Root), found none",
        "ventet en PDF med dokumentkatalog (/Root), fant ingen",
    ),
    ("expected pages, found a PDF with 0 pages", "ventet sider, fant en PDF med 0 sider"),
    ("expected MediaBox, BleedBox and TrimBox, found no {}", "ventet MediaBox, BleedBox og TrimBox, fant ingen {}"),
    ("expected a {} between 1 and {} pt a side, found {}", "ventet en {} på mellom 1 og {} pt per side, fant {}"),
    (
        "expected TrimBox {} inside BleedBox {} inside MediaBox {}",
        "ventet TrimBox {} innenfor BleedBox {} innenfor MediaBox {}",
    ),
    (
        "expected every page trimmed as page 1, {} × {} mm, found {} × {} mm",
        "ventet at hver side skjæres som side 1, {} × {} mm, fant {} × {} mm",
    ),
    (
        "expected every character in its font, found {} glyph(s) missing (.notdef) in {}",
        "ventet hvert tegn i sin skrift, fant {} tegn som mangler (.notdef) i {}",
    ),
    (
        "expected text of at least {} pt, found {} run(s) under it, the smallest {} pt",
        "ventet tekst på minst {} pt, fant {} tekstbit(er) under, den minste {} pt",
    ),
    (
        "expected lines of at least {} pt, found {} thinner, the thinnest {} pt",
        "ventet linjer på minst {} pt, fant {} tynnere, den tynneste {} pt",
    ),
    ("expected CMYK or spot colours only, found {}", "ventet bare CMYK- eller spotfarger, fant {}"),
    ("{} (shading)", "{} (fargeovergang)"),
    ("{} in soft mask {} {}", "{} i myk maske {} {}"),
    (
        "expected at most {} % ink, found {} colour(s) above it, the most {} %",
        "ventet høyst {} % farge, fant {} farge(r) over, den høyeste {} %",
    ),
    ("expected a CMYK image, found {} in {}", "ventet et CMYK-bilde, fant {} i {}"),
    ("expected at most {} % ink, found {} with pixels of {} %", "ventet høyst {} % farge, fant {} med piksler på {} %"),
    (
        "expected images of at least {} ppi (better {}), found {} at {} ppi",
        "ventet bilder på minst {} ppi (helst {}), fant {} på {} ppi",
    ),
    (
        "expected images of {} ppi at their placed size, found {} at {} ppi",
        "ventet bilder på {} ppi i plassert størrelse, fant {} på {} ppi",
    ),
    ("image {} {}", "bilde {} {}"),
    (
        "expected text at least {} mm inside the trim, found {} run(s) closer, the first {} mm from it",
        "ventet tekst minst {} mm innenfor skjærekanten, fant {} tekstbit(er) nærmere, den første {} mm fra den",
    ),
    (
        "expected an output intent (the printer's ICC profile: `--output-intent FILE.icc`), found none: the file is not PDF/X and its CMYK is for no stated printing condition",
        "ventet en output intent (trykkeriets ICC-profil: `--output-intent FILE.icc`), fant ingen: filen er ikke PDF/X, og CMYK-en er ikke laget for noen oppgitt trykkbetingelse",
    ),
    (
        "expected the output intent to embed the printer's profile, found the printing condition `{}` named without one: the printer knows the condition, but the file is not PDF/X-4, which needs the profile embedded",
        "ventet at output intent har trykkeriets profil innebygd, fant trykkbetingelsen `{}` oppgitt uten: trykkeriet kjenner betingelsen, men filen er ikke PDF/X-4, som krever profilen innebygd",
    ),
    ("expected a usable CMYK output profile, found {}", "ventet en brukbar CMYK-utskriftsprofil, fant {}"),
    ("expected every font embedded, found `{}` not embedded", "ventet alle skrifter innebygd, fant `{}` ikke innebygd"),
    ("expected a readable font program of `{}`, found {}", "ventet et lesbart skriftprogram for `{}`, fant {}"),
    ("expected a usable font program of `{}`, found {}", "ventet et brukbart skriftprogram for `{}`, fant {}"),
    (
        "expected fonts whose licence allows embedding, found `{}` with restricted licence embedding (fsType)",
        "ventet skrifter med lisens som tillater innebygging, fant `{}` med begrenset innebygging (fsType)",
    ),
    (
        "expected to read the embedding licence of `{}`, found no font of that name in fonts/ and none in the PDF",
        "ventet å lese innebyggingslisensen til `{}`, fant ingen skrift med det navnet i fonts/ og ingen i PDF-en",
    ),
    (
        "expected text in black ink only (K100), found {} glyph(s) in rich black, e.g. {}: four plates out of register blur it",
        "ventet tekst bare i svart (K100), fant {} tegn i dyp svart, f.eks. {}: fire plater ute av passing gjør den uskarp",
    ),
    (
        "expected lines under {} pt in one ink, found {} in more: a registration risk",
        "ventet linjer under {} pt i én farge, fant {} i flere: fare for dårlig passing",
    ),
    (
        "expected black text to overprint, found {} glyph(s) knocking out what lies under them: a white edge shows where the plates miss",
        "ventet at svart tekst trykkes over, fant {} tegn som sparer ut det som ligger under: en hvit kant synes der platene bommer",
    ),
    (
        "expected reversed (white) type under {} pt on a field of at most two inks, found {} glyph(s) on more, e.g. on {}",
        "ventet negativ (hvit) tekst under {} pt på en flate av høyst to farger, fant {} tegn på flere, f.eks. på {}",
    ),
    (
        "expected a bleed of {} mm around the trim (BleedBox), found {} mm",
        "ventet {} mm utfall rundt skjærekanten (BleedBox), fant {} mm",
    ),
    (
        "expected art that touches the trim to run {} mm into the bleed, found {} that stops at the trim",
        "ventet at det som når skjærekanten, går {} mm ut i utfallet, fant {} som stopper ved skjærekanten",
    ),
    ("a fill in {}", "en flate i {}"),
    ("a picture", "et bilde"),
    // The print build: the printing condition and the inks.
    (
        "the output intent names the printing condition {} without its profile, and PDF/X-4 needs the profile embedded: put ECI's {} in the project's profiles/ folder (docs/print.md says where to download it)",
        "output intent oppgir trykkbetingelsen {} uten profilen, og PDF/X-4 krever profilen innebygd: legg ECIs {} i prosjektets profiles/-mappe (docs/print.md sier hvor den lastes ned)",
    ),
    (
        "data/{}/edition.toml: [print] `printing-condition = \"{}\"`: expected an output profile of that condition (ECI's is {}), found «{}» printing {}: give the profile of the condition, or name the condition the profile is for",
        "data/{}/edition.toml: [print] `printing-condition = \"{}\"`: ventet en utskriftsprofil for den betingelsen (ECIs er {}), fant «{}» som trykker {}: oppgi profilen for betingelsen, eller oppgi betingelsen profilen er laget for",
    ),
    (
        "colours of another paper or press: {}; they are {}'s",
        "farger fra et annet papir eller en annen presse: {}; de er {}s",
    ),
    ("colours of another paper or press: {}", "farger fra et annet papir eller en annen presse: {}"),
    ("a profile littleCMS cannot read ({})", "en profil littleCMS ikke kan lese ({})"),
    // littleCMS's failures in our words (crate::typeset::pdf::lcms_failure): its own text is English.
    (
        "littleCMS could not build a conversion from the profile's tables",
        "littleCMS kunne ikke lage en omregning fra profilens tabeller",
    ),
    (
        "littleCMS found a text in the profile it cannot read",
        "littleCMS fant en tekst i profilen som den ikke kan lese",
    ),
    ("littleCMS found data missing from the profile", "littleCMS fant at det mangler data i profilen"),
    ("the output profile cannot be read: {}", "utskriftsprofilen kan ikke leses: {}"),
    (
        "no transform from the photo's CMYK to the output profile: {}",
        "ingen omregning fra bildets CMYK til utskriftsprofilen: {}",
    ),
    ("no transform from sRGB to the output profile: {}", "ingen omregning fra sRGB til utskriftsprofilen: {}"),
    ("no transform from the picture's grey profile: {}", "ingen omregning fra bildets gråtoneprofil: {}"),
    ("no transform from the picture's profile: {}", "ingen omregning fra bildets profil: {}"),
    ("no transform from the output profile: {}", "ingen omregning fra utskriftsprofilen: {}"),
    ("no transform from sRGB: {}", "ingen omregning fra sRGB: {}"),
    ("no Lab profile in littleCMS: {}", "ingen Lab-profil i littleCMS: {}"),
    ("no Lab profile in littleCMS ({})", "ingen Lab-profil i littleCMS ({})"),
    // An output profile's header and tag table (crate::typeset::pdf::check_profile).
    ("an ICC profile (`acsp` at byte 36)", "en ICC-profil (`acsp` ved byte 36)"),
    ("{} bytes that are not one", "{} byte som ikke er det"),
    (
        "the ICC header gives a size of {} bytes, the file has {}",
        "ICC-hodet oppgir en størrelse på {} byte, filen har {}",
    ),
    ("an output (printer) profile, class `prtr`", "en utskriftsprofil (for skriver eller presse), klasse `prtr`"),
    ("class `{}`", "klasse `{}`"),
    ("a profile for CMYK data", "en profil for CMYK-data"),
    ("data colour space `{}`", "datafargerom `{}`"),
    ("a tag table inside the profile", "en tag-tabell inne i profilen"),
    ("{} tags declared", "{} tagg(er) oppgitt"),
    ("every tag inside the profile", "alle tagger inne i profilen"),
    ("`{}` outside it", "`{}` utenfor den"),
    ("the tags an output profile converts colours with ({})", "taggene en utskriftsprofil regner om farger med ({})"),
    ("none for {}", "ingen for {}"),
    (
        "a profile littleCMS cannot convert CMYK to CIELAB with ({})",
        "en profil littleCMS ikke kan regne om CMYK til CIELAB med ({})",
    ),
    (
        "layout/print.typ: expected a CMYK ink in `inks` for every theme colour, found none for {}",
        "layout/print.typ: ventet en CMYK-farge i `inks` for hver temafarge, fant ingen for {}",
    ),
    (
        "layout/print.typ: expected every colour's ink within the ink limit of {} % (`ink-limit` in [print]), found {}: give the colour a lighter build in `inks` (or `sdg-inks`)",
        "layout/print.typ: ventet hver farges fargemengde innenfor fargegrensen på {} % (`ink-limit` i [print]), fant {}: gi fargen en lysere oppbygging i `inks` (eller `sdg-inks`)",
    ),
    (
        "colours without an ink in layout/print.typ, converted to CMYK by formula: {}",
        "farger uten trykkfarge i layout/print.typ, regnet om til CMYK etter formel: {}",
    ),
    (
        "{} picture(s) converted to CMYK by formula, not colour-managed: no output profile (`--output-intent FILE.icc` or `output-intent` in [print]) to convert to",
        "{} bilde(r) regnet om til CMYK etter formel, uten fargestyring: ingen utskriftsprofil (`--output-intent FILE.icc` eller `output-intent` i [print]) å regne om til",
    ),
    (
        "{} picture(s) converted by formula (no output profile)",
        "{} bilde(r) regnet om etter formel (ingen utskriftsprofil)",
    ),
    ("not converted to CMYK: {}", "ikke regnet om til CMYK: {}"),
    // The print job's marks and proofs.
    (
        "[print]: expected `mark-offset`, the gap between the bleed's edge and the crop marks, from 1 to 20 mm, found {}: a mark that starts at the bleed's edge shows where the sheet is cut a little wide",
        "[print]: ventet `mark-offset`, avstanden fra utfallskanten til skjæremerkene, fra 1 til 20 mm, fant {}: et merke som starter i utfallskanten, synes der arket skjæres litt romslig",
    ),
    (
        "expected the numbers printed on the pages (folios {} in the book block, {} on the cover) like `1,40-41`, found `{}` in `{}`",
        "ventet sidetallene som står trykt på sidene (side {} i innmaten, {} på omslaget) som `1,40-41`, fant `{}` i `{}`",
    ),
    (
        "expected the numbers printed on the pages (folios {}) like `1,40-41`, found `{}` in `{}`",
        "ventet sidetallene som står trykt på sidene (side {}) som `1,40-41`, fant `{}` i `{}`",
    ),
    ("expected page numbers like `1,40-41`, found `{}` in `{}`", "ventet sidetall som `1,40-41`, fant `{}` i `{}`"),
    (
        "note: page {} is on the cover file: see its spreads, print-cover-001.png (outside) and print-cover-002.png (inside)",
        "merk: side {} står i omslagsfilen: se oppslagene print-cover-001.png (utsiden) og print-cover-002.png (innsiden)",
    ),
    (
        "the spine ({} mm) is too thin for its title, which needs {} mm to keep 1.5 mm from each fold at 8 pt: the spine is left plain (`spine-mm` in [print] sets the width the printer quotes)",
        "ryggen ({} mm) er for smal til tittelen, som trenger {} mm for å holde 1,5 mm fra hver fals med 8 pt: ryggen står tom (`spine-mm` i [print] setter bredden trykkeriet oppgir)",
    ),
    // The press job: spine, blank pages, reversed type, missing assets and numbers by folio.
    (
        "[print]: expected `spine-allowance-mm`, what glue and board add to the spine, from 0 to 10 mm, found {}",
        "[print]: ventet `spine-allowance-mm`, det lim og kartong legger til ryggen, fra 0 til 10 mm, fant {}",
    ),
    (
        "[print] `spine-allowance-mm`: expected 0 to 10 mm, found {}",
        "[print] `spine-allowance-mm`: ventet 0 til 10 mm, fant {}",
    ),
    (
        "wrote {} (cover: outside and inside spreads, spine {} mm for {} pages: {} mm of paper and {} mm for glue and board, with the title on it)",
        "skrev {} (omslag: ytre og indre oppslag, rygg {} mm for {} side(r): {} mm papir og {} mm til lim og kartong, med tittelen på)",
    ),
    (
        "wrote {} (cover: outside and inside spreads, spine {} mm for {} pages: {} mm of paper and {} mm for glue and board, too narrow for the title)",
        "skrev {} (omslag: ytre og indre oppslag, rygg {} mm for {} side(r): {} mm papir og {} mm til lim og kartong, for smal til tittelen)",
    ),
    (
        "wrote {} (cover: outside and inside spreads, spine {} mm for {} pages as the printer quotes it, with the title on it)",
        "skrev {} (omslag: ytre og indre oppslag, rygg {} mm for {} side(r) slik trykkeriet oppgir den, med tittelen på)",
    ),
    (
        "wrote {} (cover: outside and inside spreads, spine {} mm for {} pages as the printer quotes it, too narrow for the title)",
        "skrev {} (omslag: ytre og indre oppslag, rygg {} mm for {} side(r) slik trykkeriet oppgir den, for smal til tittelen)",
    ),
    (
        "print file: blank pages added to fill the last sheet: {} (folios {})",
        "trykkfil: blanke sider lagt til for å fylle det siste arket: {} (side {})",
    ),
    (
        "the print job holds {} blank pages (folios {}) to fill its last sheet of {} pages, where at most one is the aim: the pages are not balanced to the sheet",
        "trykkjobben har {} blanke sider (side {}) for å fylle det siste arket på {} sider, der målet er høyst én: sidene går ikke opp i arket",
    ),
    (
        "white type under {} pt knocked out of a field of more than two inks on {}: plates out of register fill its letters in; set it larger or on a field of at most two inks (`rapport preflight` names each)",
        "hvit tekst under {} pt sparet ut av en flate i mer enn to trykkfarger på {}: plater ute av passer fyller bokstavene igjen; sett den større eller på en flate i høyst to trykkfarger (`rapport preflight` nevner hver)",
    ),
    ("folios {}", "side {}"),
    (
        "the print file holds {} position mark(s) for missing assets, on folios {} (--allow-placeholders): a proof, not a job for the press",
        "trykkfilen har {} plassholder(e) for filer som mangler, på side {} (--allow-placeholders): et korrektur, ikke en jobb for trykkeriet",
    ),
    (
        "the print file would hold {} position mark(s) for missing pictures, figures, maps or charts, on folios {}; add the files, or pass --allow-placeholders for a proof",
        "trykkfilen ville hatt {} plassholder(e) for bilder, figurer, kart eller grafer som mangler, på side {}; legg til filene, eller bruk --allow-placeholders for et korrektur",
    ),
    (
        "the print file holds {} word(s) standing for numbers still to come ({}), on folios {}: not the final job (`refuse-pending = true` in [print] refuses it)",
        "trykkfilen har {} ord som står der tall ennå skal komme ({}), på side {}: ikke den endelige jobben (`refuse-pending = true` i [print] avviser den)",
    ),
    (
        "the print file would hold {} word(s) standing for numbers still to come ({}), on folios {}; `refuse-pending = true` in [print] refuses them in the final job: add the numbers, or pass --allow-placeholders for a proof",
        "trykkfilen ville hatt {} ord som står der tall ennå skal komme ({}), på side {}; `refuse-pending = true` i [print] avviser dem i den endelige jobben: legg inn tallene, eller bruk --allow-placeholders for et korrektur",
    ),
    (
        "expected no position marks for missing pictures, figures, maps or charts, found {}, on {}",
        "ventet ingen plassholdere for bilder, figurer, kart eller grafer som mangler, fant {}, på {}",
    ),
    (
        "expected no position marks for missing pictures, figures, maps or charts, found {}",
        "ventet ingen plassholdere for bilder, figurer, kart eller grafer som mangler, fant {}",
    ),
    (
        "expected every number in place, found {} word(s) standing for numbers still to come, on {}",
        "ventet alle tall på plass, fant {} ord som står der tall ennå skal komme, på {}",
    ),
    (
        "expected every number in place, found {} word(s) standing for numbers still to come",
        "ventet alle tall på plass, fant {} ord som står der tall ennå skal komme",
    ),
    (
        "preflight of {}: the file holds {} word(s) standing for numbers still to come, which `refuse-pending = true` in [print] refuses in the final job (pass --allow-placeholders to check a proof)",
        "preflight av {}: filen har {} ord som står der tall ennå skal komme, som `refuse-pending = true` i [print] avviser i den endelige jobben (bruk --allow-placeholders for å sjekke et korrektur)",
    ),
    (
        "[print]: expected `spine-mm`, the spine's width as the printer quotes it, from 1 to 100 mm, found {}",
        "[print]: ventet `spine-mm`, ryggens bredde slik trykkeriet oppgir den, fra 1 til 100 mm, fant {}",
    ),
    // The print build: photos and the output profile against the ink limit.
    (
        "expected CMYK photos within the ink limit of {} % (`ink-limit` in [print]), found {} with pixels of {} %: separate it again for this paper, or let the build do it (`over-limit-photos = \"re-separate\"` in [print])",
        "ventet CMYK-bilder innenfor fargegrensen på {} % (`ink-limit` i [print]), fant {} med piksler på {} %: separer det på nytt for dette papiret, eller la byggingen gjøre det (`over-limit-photos = \"re-separate\"` i [print])",
    ),
    (
        "expected CMYK photos within the ink limit of {} % (`ink-limit` in [print]), found {} with pixels of {} %, which cannot be separated again ({})",
        "ventet CMYK-bilder innenfor fargegrensen på {} % (`ink-limit` i [print]), fant {} med piksler på {} %, som ikke kan separeres på nytt ({})",
    ),
    (
        "re-separated {}: its pixels of {} % went past the ink limit of {} % (`ink-limit` in [print]); with no output profile its cyan, magenta and yellow were reduced, black kept: it now reaches {} %",
        "separerte {} på nytt: pikslene på {} % gikk over fargegrensen på {} % (`ink-limit` i [print]); uten utskriftsprofil ble cyan, magenta og gul redusert og svart beholdt: nå når det {} %",
    ),
    (
        "re-separated {}: its pixels of {} % went past the ink limit of {} % (`ink-limit` in [print]); through {} it now reaches {} %",
        "separerte {} på nytt: pikslene på {} % gikk over fargegrensen på {} % (`ink-limit` i [print]); gjennom {} når det nå {} %",
    ),
    (
        "expected an output profile within the ink limit of {} % (`ink-limit` in [print]), found {} reaching {} % in its darkest colours: photos converted through it are held to {} % (black kept, cyan, magenta and yellow reduced where they go over); for the paper's own separation ask the printer for its profile, or set `ink-limit` to the paper's limit",
        "ventet en utskriftsprofil innenfor fargegrensen på {} % (`ink-limit` i [print]), fant {} som når {} % i de mørkeste fargene: bilder regnet om gjennom den holdes innenfor {} % (svart beholdt, cyan, magenta og gul redusert der de går over); be trykkeriet om profilen for papiret for papirets egen separasjon, eller sett `ink-limit` til papirets grense",
    ),
    (
        "expected a CMYK photo whose ink can be checked, found {} with {}",
        "ventet et CMYK-bilde der fargemengden kan sjekkes, fant {} med {}",
    ),
    (
        "{} picture(s) converted through {} ({}); {} without a profile of their own, taken as sRGB; {} greyscale, on the black plate alone",
        "{} bilde(r) regnet om gjennom {} ({}); {} uten egen profil, tatt som sRGB; {} i gråtoner, bare på svartplaten",
    ),
    (
        "{} picture(s) converted through {} ({}); {} without a profile of their own, taken as sRGB; {} greyscale, in four inks",
        "{} bilde(r) regnet om gjennom {} ({}); {} uten egen profil, tatt som sRGB; {} i gråtoner, i fire farger",
    ),
    (
        "{} picture(s) converted through {} ({}); {} without a profile of their own, taken as sRGB",
        "{} bilde(r) regnet om gjennom {} ({}); {} uten egen profil, tatt som sRGB",
    ),
    // Output profiles that pass their header but cannot convert.
    ("a profile whose tables convert colours", "en profil med tabeller som regner om farger"),
    ("one that cannot convert ({})", "en som ikke kan regne om ({})"),
    // Data refused with what to do, instead of failing in the layouts.
    ("a chapter slug other than `index`", "en kapittel-slug som ikke er `index`"),
    (
        "`{}`: the web edition's front page is index.html, and the chapter's page would take its place; choose another slug",
        "`{}`: nettutgavens forside er index.html, og kapittelets side ville tatt dens plass; velg en annen slug",
    ),
    ("a workbook without a document type declaration", "en arbeidsbok uten dokumenttypedeklarasjon"),
    (
        "a DTD (`<!DOCTYPE`) in `{}`: the workbook is refused, as a DTD can declare entities that expand without limit; open it in Excel or LibreOffice and save it again",
        "en DTD (`<!DOCTYPE`) i `{}`: arbeidsboken avvises, fordi en DTD kan deklarere entiteter som vokser uten grense; åpne den i Excel eller LibreOffice og lagre den på nytt",
    ),
    (
        "{} changed while the edition was read for the archive (read twice, the bytes differed); the last archive is left as it was: run `rapport archive` again when nothing is being saved",
        "{} ble endret mens utgaven ble lest for arkivet (lest to ganger, med ulikt innhold); forrige arkiv er beholdt som det var: kjør `rapport archive` på nytt når ingenting lagres",
    ),
    (
        "expected the id of a table, chart, figure or map of this chapter after `](#`, found `{}` (this chapter has: {})",
        "ventet id-en til en tabell, graf, figur eller et kart i dette kapitlet etter `](#`, fant `{}` (kapitlet har: {})",
    ),
    (
        "a heading `## Title` or `### Title` (the chapter title comes from edition.toml)",
        "en overskrift `## Tittel` eller `### Tittel` (kapittelets tittel kommer fra edition.toml)",
    ),
    (
        "expected `statement-method` to say how the web edition was tested, found an empty text",
        "ventet at `statement-method` sier hvordan nettutgaven ble testet, fant en tom tekst",
    ),
    (
        "expected `statement-date` beside `statement-method` (the day of the test it describes), found none",
        "ventet `statement-date` ved siden av `statement-method` (dagen for testen den beskriver), fant ingen",
    ),
    // A file that cannot be read or a folder that cannot be made, after the entries that
    // say why in more words.
    ("cannot read {}: {}", "kan ikke lese {}: {}"),
    ("cannot create {}", "kan ikke opprette {}"),
    // The general shape last: what was expected, what was found.
    (
        "expected `statement-date` to be a day such as `2024-05-02`, found `{}`",
        "ventet at `statement-date` er en dag som `2024-05-02`, fant `{}`",
    ),
    (
        "expected `statement-url` to be the https address of the edition's statement in Uutilsynet's register, such as `https://www.uustatus.no/nb/erklaringer/publisert/…`, found `{}`",
        "ventet at `statement-url` er https-adressen til utgavens erklæring i Uutilsynets register, som `https://www.uustatus.no/nb/erklaringer/publisert/…`, fant `{}`",
    ),
    ("expected {}, found `{}`", "ventet {}, fant `{}`"),
    ("expected {}, found {}", "ventet {}, fant {}"),
    // Another edition named in a message (`against edition mini2`), near the end: a message
    // of its own about an edition is matched above.
    ("edition {}", "utgave {}"),
    // A size in a message (`1024 bytes`), last: only a value no other entry matches.
    ("{} bytes", "{} byte"),
];

/// The table as anchored regular expressions, each with the length of its words (the
/// English without its values).
static PATTERNS: LazyLock<Vec<(Regex, &'static str, usize)>> = LazyLock::new(|| {
    super::staff::NB
        .iter()
        .chain(NB)
        .map(|(en, nb)| {
            let pattern = en.split("{}").map(regex::escape).collect::<Vec<_>>().join("(.*?)");
            let words = en.len() - 2 * en.matches("{}").count();
            (Regex::new(&format!("(?s)^{pattern}$")).expect("the table's patterns are valid"), *nb, words)
        })
        .collect()
});

/// `message` in `lang`.
pub fn translate(lang: Lang, message: &str) -> String {
    match lang {
        Lang::En => json_paths(Lang::En, message),
        Lang::Nb => json_paths(Lang::Nb, &mark_kinds(message, plurals(&os_errors(&bokmal(message, 0))))),
    }
}

/// The kinds of position marks in a message about them (`folios 1 (photo), 15 (figure)`),
/// in bokmål: a list of any length, which the table's patterns cannot take apart.
fn mark_kinds(english: &str, text: String) -> String {
    if !english.contains("position mark") {
        return text;
    }
    [("(photo)", "(bilde)"), ("(figure)", "(figur)"), ("(map)", "(kart)"), ("(chart)", "(graf)")]
        .iter()
        .fold(text, |text, (en, nb)| text.replace(en, nb))
}

/// The places in an SSB file that messages name by JSON path (`$.dimension.Region…`,
/// `$.status.6`) in plain words: which part of the file (`the region list`, `regionlisten`;
/// `the status mark of number 7`). The table above matches the paths as written, so this
/// runs last.
fn json_paths(lang: Lang, message: &str) -> String {
    static PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\$\.([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_*]+|\[[0-9]+\])*)").expect("a valid pattern")
    });
    if !message.contains("$.") {
        return message.to_string();
    }
    let nb = lang == Lang::Nb;
    PATH.replace_all(message, |c: &regex::Captures| {
        let rest = &c[2];
        let parts: Vec<&str> = rest.split(['.', '[', ']']).filter(|p| !p.is_empty()).collect();
        let index = parts.first().and_then(|p| p.parse::<u64>().ok()).map(|i| i + 1);
        match (&c[1], parts.first()) {
            ("value", _) => match index {
                Some(n) if nb => format!("tall nr. {n}"),
                Some(n) => format!("number {n}"),
                None if nb => "tallene".to_string(),
                None => "the numbers".to_string(),
            },
            ("status", _) => match index {
                Some(n) if nb => format!("statusmerket til tall nr. {n}"),
                Some(n) => format!("the status mark of number {n}"),
                None if nb => "statusmerkene".to_string(),
                None => "the status marks".to_string(),
            },
            ("dimension", Some(list)) => {
                let lower = list.to_lowercase();
                match (lower.as_str(), nb) {
                    (l, true) if l.contains("region") => format!("regionlisten (`{list}`)"),
                    (l, false) if l.contains("region") => format!("the region list (`{list}`)"),
                    ("tid", true) => format!("årslisten (`{list}`)"),
                    ("tid", false) => format!("the year list (`{list}`)"),
                    ("contentscode", true) => format!("listen over statistikkvariabler (`{list}`)"),
                    ("contentscode", false) => format!("the list of statistics (`{list}`)"),
                    (_, true) => format!("listen `{list}`"),
                    (_, false) => format!("the list `{list}`"),
                }
            }
            ("dimension", None) => if nb { "listene i filen" } else { "the file's lists" }.to_string(),
            ("size", _) => if nb { "tabellens størrelse" } else { "the table's size" }.to_string(),
            ("id", _) => if nb { "listen over filens lister" } else { "the list of the file's lists" }.to_string(),
            ("role", _) => if nb { "listenes roller" } else { "the lists' roles" }.to_string(),
            ("version", _) => if nb { "filens versjon" } else { "the file's version" }.to_string(),
            ("class", _) => if nb { "filtypen" } else { "the file's kind" }.to_string(),
            ("extension", _) => if nb { "SSBs tabellnummer" } else { "SSB's table number" }.to_string(),
            (key, _) => {
                if nb {
                    format!("delen `{key}`")
                } else {
                    format!("the part `{key}`")
                }
            }
        }
    })
    .into_owned()
}

/// The bokmål table's nouns and adjectives marked for number (`side(r)`, `tabell(er)`,
/// `advarsel(er)`, `ferdig(e)`) in the form their count asks: singular after `1`, plural
/// after any other count, or with none before them (`1 side`, `3 sider`, `1 ferdig utgave`).
/// The count is the nearest number at most two words before the word, with no punctuation
/// between (`12 sider: 0 feil, 1 advarsel`).
fn plurals(text: &str) -> String {
    static MARKED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"([\p{L}-]+)\((r|er|e|-er)\)").expect("a valid pattern"));
    MARKED
        .replace_all(text, |c: &regex::Captures| {
            let (stem, ending) = (&c[1], &c[2]);
            let start = c.get(0).map_or(0, |m| m.start());
            let before = &text[..start];
            let count = before
                .split(' ')
                .rev()
                .skip(1)
                .take(3)
                .take_while(|word| !word.ends_with([',', ';', ':', '.']) || word.chars().all(|ch| ch.is_ascii_digit()))
                .map(|word| word.trim_start_matches('('))
                .find(|word| word.chars().next().is_some_and(|ch| ch.is_ascii_digit()));
            let one = count == Some("1");
            if one {
                return stem.to_string();
            }
            match ending {
                "er" if stem.ends_with("bok") => format!("{}bøker", &stem[..stem.len() - 3]),
                "er" if stem.ends_with("ttel") => format!("{}tler", &stem[..stem.len() - 4]),
                // `advarsel` → `advarsler`, but `del`, `andel` → `deler`, `andeler`.
                "er" if stem.ends_with("el") && !stem.ends_with("del") => format!("{}ler", &stem[..stem.len() - 2]),
                _ => format!("{stem}{ending}"),
            }
        })
        .into_owned()
}

/// `message` with the operating system's error texts (`No such file or directory (os error
/// 2)`) in bokmål, wherever they stand.
fn os_errors(message: &str) -> String {
    static OS: LazyLock<Regex> = LazyLock::new(|| {
        let phrases: Vec<String> = super::staff::OS_ERRORS.iter().map(|(en, _)| regex::escape(en)).collect();
        Regex::new(&format!(r"(?:({}) )?\(os error ([0-9]+)\)", phrases.join("|"))).expect("a valid pattern")
    });
    OS.replace_all(message, |c: &regex::Captures| {
        let words = c.get(1).map(|en| {
            let nb = super::staff::OS_ERRORS.iter().find(|(e, _)| *e == en.as_str()).map_or(en.as_str(), |(_, nb)| nb);
            format!("{nb} ")
        });
        format!("{}(os-feil {})", words.unwrap_or_default(), &c[2])
    })
    .into_owned()
}

fn bokmal(message: &str, depth: usize) -> String {
    if depth > 3 {
        return message.to_string();
    }
    // Of the entries that match, the one with the most words of its own: the most specific
    // (`wrote {} ({} rows, …)`, not `wrote {}`), whatever their order in the table.
    let best = PATTERNS.iter().filter(|(pattern, _, _)| pattern.is_match(message)).fold(
        None,
        |best: Option<&(Regex, &str, usize)>, entry| match best {
            Some(b) if b.2 >= entry.2 => Some(b),
            _ => Some(entry),
        },
    );
    if let Some((pattern, nb, _)) = best
        && let Some(captures) = pattern.captures(message)
    {
        let mut values = captures.iter().skip(1).map(|c| c.map_or("", |c| c.as_str()));
        let mut out = String::new();
        let mut parts = nb.split("{}").peekable();
        while let Some(part) = parts.next() {
            out.push_str(part);
            if parts.peek().is_some() {
                // A value quoted in backticks (`::: {}`, `{}`) is what a file holds or what
                // the user types, one in «» a Word document's text: never rewritten.
                let value = values.next().unwrap_or_default();
                let quoted = out.matches('`').count() % 2 == 1 || out.matches('«').count() > out.matches('»').count();
                out.push_str(&if quoted { value.to_string() } else { decimal_comma(&bokmal(value, depth + 1)) });
            }
        }
        return out;
    }
    // A message no entry matches may be one that does after the place it names
    // (`data/x/edition.toml:14:1: unknown field …`): the place kept, the rest rendered.
    static PLACE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?s)^([^\s:]*[./][^\s:]*(?::[0-9]+)*: )(.+)$").expect("a valid pattern"));
    if let Some(c) = PLACE.captures(message) {
        return format!("{}{}", &c[1], bokmal(&c[2], depth));
    }
    message.to_string()
}

/// A value that is a decimal number written with a point (`1.25`, a size or a time) with a
/// decimal comma, as Norwegian writes it; any other value as it is.
fn decimal_comma(value: &str) -> String {
    static DECIMAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^-?[0-9]+\.[0-9]+$").expect("a valid pattern"));
    if DECIMAL.is_match(value) { value.replace('.', ",") } else { value.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Messages staff met in English under a Norwegian locale (the staff trial): a lint finding
    // with the figure's id after it, a bad heading, a cut list, the edition's status.
    #[test]
    fn the_trials_english_reads_in_bokmal() {
        for (en, nb) in [
            (
                "«Tabellen til høyre» does not hold: the table is on page 7, not on the facing right-hand page (`langtidsopphold`)",
                "«Tabellen til høyre» stemmer ikke: tabellen står på side 7, ikke på høyresiden i oppslaget (`langtidsopphold`)",
            ),
            (
                "expected a heading `## Title` or `### Title` (the chapter title comes from edition.toml), found `# Tittel`",
                "ventet en overskrift `## Tittel` eller `### Tittel` (kapittelets tittel kommer fra edition.toml), fant `# Tittel`",
            ),
            (
                "expected the id of a table, chart, figure or map of this chapter after `](#`, found `x` (this chapter has: a, b)",
                "ventet id-en til en tabell, graf, figur eller et kart i dette kapitlet etter `](#`, fant `x` (kapitlet har: a, b)",
            ),
            ("final", "ferdig"),
            ("draft", "utkast"),
            (
                "21 file(s) unchanged from edition 2020-2023: a.csv, b.csv and 19 more; update them, or confirm each that stays as it is under `[confirm] unchanged` in edition.toml (`rapport check --todo` lists them all)",
                "21 filer uendret fra utgave 2020-2023: a.csv, b.csv og 19 til; oppdater dem, eller bekreft hver som skal stå som den er under `[confirm] unchanged` i edition.toml (`rapport check --todo` viser alle)",
            ),
        ] {
            assert_eq!(translate(Lang::Nb, en), nb);
        }
    }

    // The refusals of a workbook's number formats of several sections, and of `over-100`,
    // read in bokmål throughout, the formats as written.
    #[test]
    fn number_format_refusals_read_in_bokmal() {
        for (en, nb) in [
            (
                "expected the sections of the number format `#,##0 \"kr\";-#,##0,, \"mill. kr\"` to show one kind of number, found `#,##0 \"kr\"` a number in `kr` and `-#,##0,, \"mill. kr\"` a number in `mill. kr` divided by 1000000: say what column `Beløp` holds in its `::: table` block: its unit and scale as the numbers are stored, e.g. `column.\"Beløp\" = { unit = \"\", scale = 1 }`",
                "ventet at delene av tallformatet `#,##0 \"kr\";-#,##0,, \"mill. kr\"` viser én slags tall, fant `#,##0 \"kr\"` et tall i `kr` og `-#,##0,, \"mill. kr\"` et tall i `mill. kr` delt på 1000000: si hva kolonnen `Beløp` inneholder i `::: table`-blokken: enheten og skalaen slik tallene er lagret, f.eks. `column.\"Beløp\" = { unit = \"\", scale = 1 }`",
            ),
            (
                "expected the sections of the number format `0.0;0%` to show one kind of number, found `0.0` a plain number and `0%` a percentage: give the row a percent target (`> 10 %`) and write `percent-as-fraction = true` or `false` in the `::: key-figures` block, or give the cell a number format whose sections agree",
                "ventet at delene av tallformatet `0.0;0%` viser én slags tall, fant `0.0` et vanlig tall og `0%` en prosent: gi raden et prosentmål (`> 10 %`) og skriv `percent-as-fraction = true` eller `false` i `::: key-figures`-blokken, eller gi cellen et tallformat der delene stemmer overens",
            ),
            (
                "expected the cell's number format to show its number, found `0;\"negativ\"`, which shows `negativ` for −5: if the report should print `negativ` as the sheet shows it, add it to `status-words` in edition.toml (the cell is then read as those words); else write in the cell what is meant, or change its number format",
                "ventet at cellens tallformat viser tallet, fant `0;\"negativ\"`, som viser `negativ` for −5: skal rapporten skrive `negativ` slik arket viser det, legg det til i `status-words` i edition.toml (cellen leses da som de ordene); skriv ellers i cellen det som menes, eller endre tallformatet",
            ),
            (
                "expected `over-100 = true` together with `unit = \"%\"` and `scale = 100` (fractions printed as percentages), found it without them",
                "ventet `over-100 = true` sammen med `unit = \"%\"` og `scale = 100` (brøker skrevet ut som prosent), fant den uten dem",
            ),
            (
                "expected a figure in `kr` as its row's target, found a cell whose format shows `%` after its number",
                "ventet et tall i `kr` som radens mål, fant en celle der formatet viser `%` etter tallet",
            ),
        ] {
            assert_eq!(translate(Lang::Nb, en), nb);
        }
    }

    // A JSON-stat file's problems read in bokmål, the JSON path kept.
    #[test]
    fn import_ssb_errors_read_in_bokmal() {
        assert_eq!(
            translate(Lang::Nb, "ssb-07984.json: $.value: 12 values, but size gives 16"),
            "ssb-07984.json: tallene: 12 verdier, men size gir 16"
        );
        assert_eq!(
            translate(
                Lang::Nb,
                "t.json: $.dimension.Kjonn: choose one value for Kjønn (2 values: Menn, Kvinner): ask SSB for one only (in the query's address: `valueCodes[Kjonn]=1`)"
            ),
            "t.json: listen `Kjonn`: velg én verdi for Kjønn (2 verdier: Menn, Kvinner): be SSB om bare én (i adressen til spørringen: `valueCodes[Kjonn]=1`)"
        );
        assert_eq!(
            translate(Lang::Nb, "t.json: $.status: expected an object, an array or a text, found the number 7"),
            "t.json: statusmerkene: ventet et objekt, en liste eller en tekst, fant tallet 7"
        );
    }

    // What a Word chapter cannot hold reads in bokmål, the document's text in «» untouched.
    #[test]
    fn import_docx_reports_read_in_bokmal() {
        assert_eq!(
            translate(Lang::Nb, "  comment from Kari Nordmann on «Tallene gjelder 1.5 år.» (left out): «a deletion»"),
            "  kommentar fra Kari Nordmann til «Tallene gjelder 1.5 år.» (utelatt): «a deletion»"
        );
        assert_eq!(
            translate(
                Lang::Nb,
                "s.docx: expected a document whose tracked changes are all accepted or rejected, found an insertion by Ola Nordmann not yet accepted: «utvides»: accept or reject the changes in Word (Review, or Se gjennom: Accept / Godta) and save it again"
            ),
            "s.docx: ventet et dokument der alle sporede endringer er godtatt eller avvist, fant en innsetting av Ola Nordmann som ikke er godtatt: «utvides»: godta eller avvis endringene i Word (Se gjennom: Godta / Avvis) og lagre det på nytt"
        );
    }

    // The operating system's error texts read in bokmål wherever they stand in a message.
    #[test]
    fn ssb_file_places_read_as_words() {
        // Staff grader (issue 36): a JSON path names the part of the SSB file in plain words.
        assert_eq!(
            translate(Lang::Nb, "t.json: $.status.6: unknown status symbol `x`"),
            "t.json: statusmerket til tall nr. 7: ukjent SSB-symbol `x`"
        );
        assert_eq!(
            translate(Lang::En, "t.json: $.dimension.Region.category.index: no region `9` in the file: found 3025"),
            "t.json: the region list (`Region`): no region `9` in the file: found 3025"
        );
        assert!(translate(Lang::Nb, "t.json: $.dimension.Region: x").starts_with("t.json: regionlisten (`Region`)"));
    }

    #[test]
    fn os_errors_read_in_bokmal() {
        assert_eq!(
            translate(Lang::Nb, "cannot read this file: No such file or directory (os error 2)"),
            "kan ikke lese filen: filen eller mappen finnes ikke (os-feil 2)"
        );
        assert_eq!(translate(Lang::Nb, "x: Some new failure (os error 99)"), "x: Some new failure (os-feil 99)");
    }

    // A value quoted from a file keeps its point; a size or time outside quotes takes a comma.
    // The block a message names is written as the user must type it: `::: table`, never
    // `::: tabellen`.
    #[test]
    fn a_block_name_in_backticks_stays_as_typed() {
        let nb = translate(Lang::Nb, "in the `::: table` block: expected `file = \"…\"`, found none");
        assert!(nb.starts_with("i `::: table`-blokken: "), "{nb}");
    }

    #[test]
    fn quoted_values_are_not_rewritten() {
        let message = "`56.693` can be read two ways: write `56 693` if the dot separates thousands, or `56,693` if it is a decimal point (Norwegian numbers use a decimal comma)";
        assert!(bokmal(message, 0).starts_with("`56.693` "), "{}", bokmal(message, 0));
        assert_eq!(bokmal("done in 1.25 s", 0), "ferdig på 1,25 s");
    }

    // A key in the wrong table of edition.toml reads in bokmål with where it belongs, the place
    // in the file kept as it is.
    #[test]
    fn a_misplaced_key_reads_in_bokmal() {
        assert_eq!(
            translate(
                Lang::Nb,
                "data/m6/edition.toml:14:1: unknown field `previous`, expected `title` or `chapters`: `previous` belongs at the top of edition.toml, above the first `[…]` or `[[…]]` line (a key below such a line belongs to its table); this edition is skipped"
            ),
            "data/m6/edition.toml:14:1: ukjent nøkkel `previous`, ventet `title` eller `chapters`: `previous` hører hjemme øverst i edition.toml, over den første `[…]`- eller `[[…]]`-linjen (en nøkkel under en slik linje hører til den tabellen); denne utgaven hoppes over"
        );
    }

    // Every entry (of both tables) is the one that renders its message: no entry before it
    // that is more general (`wrote {}` before `wrote {} ({} rows, …)`) takes the message and
    // leaves the rest of it in English. Values are plain tokens no entry translates.
    #[test]
    fn no_entry_is_shadowed_by_another() {
        let mut shadowed = Vec::new();
        for (en, nb) in super::super::staff::NB.iter().chain(NB) {
            let fill = |text: &str| {
                let mut parts = text.split("{}");
                let mut out = parts.next().unwrap_or_default().to_string();
                for (i, part) in parts.enumerate() {
                    out.push_str(&format!("q{i}z"));
                    out.push_str(part);
                }
                out
            };
            let got = translate(Lang::Nb, &fill(en));
            // JSON paths in the entries are said in words last, as in `translate`.
            if got != json_paths(Lang::Nb, &plurals(&os_errors(&fill(nb)))) {
                shadowed.push(format!("{en}\n  gives {got}"));
            }
        }
        assert!(shadowed.is_empty(), "{} entries rendered by another:\n{}", shadowed.len(), shadowed.join("\n"));
    }

    // Every entry (of both tables) has as many values in bokmål as in English.
    #[test]
    fn every_entry_keeps_its_values() {
        for (en, nb) in NB.iter().chain(super::super::staff::NB) {
            assert_eq!(en.matches("{}").count(), nb.matches("{}").count(), "{en}");
        }
    }

    // A number cell's error reads in bokmål throughout, the cell's text untouched.
    #[test]
    fn a_cell_error_reads_in_bokmal() {
        let en =
            "expected a number in Norwegian style (`15,1 %`, `56 693`), a status word or an empty cell, found `15.1 %`";
        assert_eq!(
            translate(Lang::Nb, en),
            "ventet et tall skrevet på norsk (`15,1 %`, `56 693`), et statusord eller en tom celle, fant `15.1 %`"
        );
        assert_eq!(translate(Lang::En, en), en);
        assert_eq!(translate(Lang::Nb, "something else entirely"), "something else entirely");
    }
}
