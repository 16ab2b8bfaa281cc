//! The web edition's live server of `watch --web`, on localhost only. Input is hostile: any
//! page a browser has open may send it requests. So each connection is served on a thread of
//! its own (at most [`MAX_CONNECTIONS`] at once) with read and write timeouts, one request
//! each; a request or header line longer than [`MAX_LINE`] is refused (414/431) and never
//! held; only `localhost`, `127.0.0.1` and `[::1]` with the server's port are answered (421
//! otherwise, so no DNS rebinding); at most [`MAX_STREAMS`] live-reload event streams are
//! held, each freed when its client goes away. The site is swapped whole behind a lock held
//! only to clone a handle: a slow reader never holds it while its socket is written. Every
//! page the server writes itself escapes what it shows.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The longest request line or header line read, in bytes.
pub const MAX_LINE: usize = 8 << 10;
/// The most header lines a request may have.
pub const MAX_HEADERS: usize = 100;
/// The most connections served at once; more are closed unanswered until one ends.
pub const MAX_CONNECTIONS: usize = 64;
/// The most live-reload event streams held at once; more are answered 503.
pub const MAX_STREAMS: usize = 16;
/// How long a client may take to send its request, and to take each part of the answer.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How often an event stream looks whether its client went away or the site changed.
const POLL: Duration = Duration::from_millis(500);
/// How often an idle event stream writes a comment, so a vanished client is noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// What is served: the placeholder page until a build succeeds, then the last good site.
enum Content {
    Placeholder(String),
    Site(HashMap<String, Arc<[u8]>>),
}

/// What every connection's thread shares.
struct Shared {
    content: Mutex<Arc<Content>>,
    /// Counts publications: an event stream tells its browser to reload when it changes.
    generation: AtomicU64,
    connections: Arc<AtomicUsize>,
    streams: Arc<AtomicUsize>,
    port: u16,
}

impl Shared {
    /// The content now served: a handle, the lock released at once.
    fn content(&self) -> Arc<Content> {
        self.content.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

/// The running server; it serves until the process ends.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl Server {
    /// Serves on 127.0.0.1 at `port`, or the first free port of 3000–3005; until
    /// [`Server::publish`] is called, a page saying the edition `title` is being built.
    pub fn start(title: &str, port: Option<u16>) -> anyhow::Result<Server> {
        let listener = bind(port)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            content: Mutex::new(Arc::new(Content::Placeholder(placeholder(title)))),
            generation: AtomicU64::new(0),
            connections: Arc::default(),
            streams: Arc::default(),
            port: addr.port(),
        });
        let accepting = shared.clone();
        std::thread::Builder::new()
            .name("rapport-serve".into())
            .spawn(move || accept(&listener, &accepting))
            .map_err(|err| anyhow::anyhow!("cannot start the web server: {err}"))?;
        Ok(Server { addr, shared })
    }

    /// The address served.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves `files` (paths inside the site, `index.html` for a folder) from now on, and
    /// tells the open pages to reload.
    pub fn publish(&self, files: HashMap<String, Vec<u8>>) {
        let files = files.into_iter().map(|(path, bytes)| (path, Arc::from(bytes))).collect();
        *self.shared.content.lock().unwrap_or_else(PoisonError::into_inner) = Arc::new(Content::Site(files));
        self.shared.generation.fetch_add(1, Ordering::SeqCst);
    }
}

/// Binds 127.0.0.1 at `port`, or at the first free port of 3000–3005.
fn bind(port: Option<u16>) -> anyhow::Result<TcpListener> {
    let ports: Vec<u16> = match port {
        Some(port) => vec![port],
        None => (3000..=3005).collect(),
    };
    let mut last = None;
    for port in &ports {
        match TcpListener::bind((Ipv4Addr::LOCALHOST, *port)) {
            Ok(listener) => return Ok(listener),
            Err(err) => last = Some(err),
        }
    }
    let err = last.map(|e| e.to_string()).unwrap_or_default();
    match port {
        Some(port) => anyhow::bail!("cannot serve the web edition at port {port}: {err}"),
        None => anyhow::bail!("cannot serve the web edition: expected a free port of 3000–3005, found none ({err})"),
    }
}

/// Takes a slot of `counter` if fewer than `max` are taken; the slot is given back when the
/// returned guard drops.
fn take_slot(counter: &Arc<AtomicUsize>, max: usize) -> Option<Slot> {
    counter.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < max).then_some(n + 1)).ok()?;
    Some(Slot(counter.clone()))
}

/// A taken slot of a counter, given back on drop.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Accepts connections, each served on a thread of its own; past [`MAX_CONNECTIONS`] a
/// connection is closed at once.
fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        // Dropped unanswered: the connection closes, the client may try again.
        let Some(slot) = take_slot(&shared.connections, MAX_CONNECTIONS) else { continue };
        let mine = shared.clone();
        // A thread that cannot start drops its closure, and with it the slot and the stream.
        let _ = std::thread::Builder::new().name("rapport-request".into()).spawn(move || {
            let _slot = slot;
            let _ = serve(stream, &mine);
        });
    }
}

/// Why a request head is refused.
#[derive(Debug, PartialEq, Eq)]
enum Refusal {
    /// The status and its reason.
    Status(u16, &'static str),
    /// The client went away or was too slow: nothing to answer.
    Gone,
}

/// A request, as far as the server reads it.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    head_only: bool,
    path: String,
}

/// Serves one request on `stream`, then closes it.
fn serve(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let deadline = Instant::now() + TIMEOUT;
    let mut reader = BufReader::with_capacity(MAX_LINE, stream.try_clone()?);
    let request = read_head(&mut reader, deadline, shared.port);
    let mut stream = stream;
    match request {
        Err(Refusal::Gone) => Ok(()),
        Err(Refusal::Status(code, reason)) => {
            let body = error_page(code, reason);
            respond(&mut stream, code, reason, "text/html; charset=utf-8", body.as_bytes(), false)?;
            linger(stream, reader);
            Ok(())
        }
        Ok(request) if request.path == "/__events" => events(stream, shared),
        Ok(request) => {
            let content = shared.content();
            match route(&content, &request.path) {
                Some((mime, body)) => respond(&mut stream, 200, "OK", mime, &body, request.head_only),
                None => {
                    let body = error_page(404, "Not Found");
                    respond(
                        &mut stream,
                        404,
                        "Not Found",
                        "text/html; charset=utf-8",
                        body.as_bytes(),
                        request.head_only,
                    )
                }
            }
        }
    }
}

/// After an error answer: stops writing and reads (and drops) what the client still sends,
/// a bounded amount, so the answer is not lost to a reset of the connection.
fn linger(stream: TcpStream, mut reader: BufReader<TcpStream>) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let _ = io::copy(&mut (&mut reader).take(1 << 20), &mut io::sink());
}

/// Reads a request head: the request line, the headers, the `Host` checked against the
/// server's `port`. Lines are read up to [`MAX_LINE`] bytes, the whole head by `deadline`.
fn read_head(reader: &mut impl BufRead, deadline: Instant, port: u16) -> Result<Request, Refusal> {
    let line = read_line(reader, deadline).map_err(|too_long| match too_long {
        Some(()) => Refusal::Status(414, "URI Too Long"),
        None => Refusal::Gone,
    })?;
    let mut words = line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (words.next(), words.next(), words.next(), words.next())
    else {
        return Err(Refusal::Status(400, "Bad Request"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(Refusal::Status(505, "HTTP Version Not Supported"));
    }
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => return Err(Refusal::Status(405, "Method Not Allowed")),
    };
    let mut host = None;
    let mut count = 0;
    loop {
        let line = read_line(reader, deadline).map_err(|too_long| match too_long {
            Some(()) => Refusal::Status(431, "Request Header Fields Too Large"),
            None => Refusal::Gone,
        })?;
        if line.is_empty() {
            break;
        }
        count += 1;
        if count > MAX_HEADERS {
            return Err(Refusal::Status(431, "Request Header Fields Too Large"));
        }
        let Some((name, value)) = line.split_once(':') else { return Err(Refusal::Status(400, "Bad Request")) };
        if name.eq_ignore_ascii_case("host") {
            if host.is_some() {
                return Err(Refusal::Status(400, "Bad Request"));
            }
            host = Some(value.trim().to_string());
        }
    }
    match host {
        None => return Err(Refusal::Status(400, "Bad Request")),
        Some(host) if !own_host(&host, port) => return Err(Refusal::Status(421, "Misdirected Request")),
        Some(_) => {}
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Err(Refusal::Status(400, "Bad Request"));
    }
    let path = percent_decode(path).ok_or(Refusal::Status(400, "Bad Request"))?;
    Ok(Request { head_only, path })
}

/// Whether `host` (a `Host` header's value) names this server: `localhost`, `127.0.0.1` or
/// `[::1]`, with its port (or without one when that is 80).
fn own_host(host: &str, port: u16) -> bool {
    let (name, given) = match host.rsplit_once(':') {
        Some((name, given)) if !name.is_empty() && !given.contains(']') => (name, given.parse::<u16>().ok()),
        _ => (host, Some(80)),
    };
    let name = name.to_ascii_lowercase();
    matches!(name.as_str(), "localhost" | "127.0.0.1" | "[::1]") && given == Some(port)
}

/// One line of the head, without its line end. `Err(Some(()))` when it is longer than
/// [`MAX_LINE`] (what was read of it dropped), `Err(None)` when the client went away, sent
/// something that is not text, or missed the `deadline`.
fn read_line(reader: &mut impl BufRead, deadline: Instant) -> Result<String, Option<()>> {
    let mut line = Vec::new();
    loop {
        if Instant::now() >= deadline {
            return Err(None);
        }
        let buffer = match reader.fill_buf() {
            Ok([]) => return Err(None),
            Ok(buffer) => buffer,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(None),
        };
        let (taken, done) = match buffer.iter().position(|b| *b == b'\n') {
            Some(at) => (at + 1, true),
            None => (buffer.len(), false),
        };
        line.extend_from_slice(&buffer[..taken]);
        reader.consume(taken);
        if line.len() > MAX_LINE + 2 {
            return Err(Some(()));
        }
        if done {
            while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                line.pop();
            }
            return String::from_utf8(line).map_err(|_| None);
        }
    }
}

/// `path` with its `%XX` escapes decoded, if they are valid and give UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The type and body served at `path`, if any: a page with the live-reload script.
fn route(content: &Content, path: &str) -> Option<(&'static str, Arc<[u8]>)> {
    let file = path.trim_start_matches('/');
    let file = if file.is_empty() || file.ends_with('/') { format!("{file}index.html") } else { file.to_string() };
    let bytes = match content {
        Content::Placeholder(page) => (file == "index.html").then(|| Arc::from(page.as_bytes()))?,
        Content::Site(files) => files.get(&file)?.clone(),
    };
    let mime = mime_type(&file);
    if mime.starts_with("text/html") {
        let mut page = String::from_utf8_lossy(&bytes).into_owned();
        let at = page.rfind("</body>").unwrap_or(page.len());
        page.insert_str(at, LIVE_RELOAD);
        return Some((mime, Arc::from(page.into_bytes())));
    }
    Some((mime, bytes))
}

/// The media type of a file of the site, by its extension.
fn mime_type(file: &str) -> &'static str {
    let ext = file.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "otf" => "font/otf",
        "ttf" => "font/ttf",
        "woff2" => "font/woff2",
        "json" => "application/json",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// Writes a whole answer and closes the connection after it. Nothing is sniffed, and an SVG
/// may run nothing even if it held a script.
fn respond(
    stream: &mut TcpStream,
    code: u16,
    reason: &str,
    mime: &str,
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    if mime == "image/svg+xml" {
        head.push_str("Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; img-src data:\r\n");
    }
    if code == 503 {
        head.push_str("Retry-After: 5\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The live-reload event stream: `reload` after each publication, until the client goes
/// away; past [`MAX_STREAMS`] a 503.
fn events(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    let Some(_slot) = take_slot(&shared.streams, MAX_STREAMS) else {
        let body = error_page(503, "Service Unavailable");
        return respond(&mut stream, 503, "Service Unavailable", "text/html; charset=utf-8", body.as_bytes(), false);
    };
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")?;
    stream.flush()?;
    stream.set_read_timeout(Some(POLL))?;
    let mut seen = shared.generation.load(Ordering::SeqCst);
    let mut quiet = Instant::now();
    let mut buffer = [0u8; 512];
    loop {
        let now = shared.generation.load(Ordering::SeqCst);
        if now != seen {
            seen = now;
            stream.write_all(b"event: reload\ndata:\n\n")?;
            stream.flush()?;
            quiet = Instant::now();
        } else if quiet.elapsed() >= KEEPALIVE {
            stream.write_all(b": still here\n\n")?;
            stream.flush()?;
            quiet = Instant::now();
        }
        // The client sends nothing more: an end of the stream means it went away.
        match stream.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(err) if matches!(err.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {}
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
}

/// A page the server writes itself: `title` and `lines` escaped.
fn page(title: &str, lines: &[&str]) -> String {
    let body: String = lines.iter().map(|line| format!("    <p>{}</p>\n", escape_html(line))).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"nb\">\n  <head>\n    <meta charset=\"utf-8\">\n    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n    <title>{}</title>\n  </head>\n  <body>\n  <main>\n{body}  </main>\n  </body>\n</html>\n",
        escape_html(title)
    )
}

/// The page served until the first build succeeds, naming the edition's `title`.
fn placeholder(title: &str) -> String {
    let waiting = format!("Venter på nettutgaven av «{title}» …");
    page(
        &format!("Venter på {title}"),
        &[waiting.as_str(), "Siden lastes inn på nytt når bygget lykkes (rapport watch --web)."],
    )
}

/// The page of an error status.
fn error_page(code: u16, reason: &str) -> String {
    let status = format!("{code} {reason}");
    page(&status, &[status.as_str()])
}

use crate::outputs::web::{LIVE_RELOAD, escape_html};

#[cfg(test)]
mod tests {
    use super::*;

    fn head(text: &str) -> Result<Request, Refusal> {
        read_head(&mut io::Cursor::new(text.as_bytes().to_vec()), Instant::now() + TIMEOUT, 3000)
    }

    // Only this server's own host and port are answered; lines past the limit are refused.
    #[test]
    fn heads_are_read_within_limits() {
        let ok = |host: &str| head(&format!("GET /a%20b?x HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert_eq!(ok("localhost:3000"), Ok(Request { head_only: false, path: "/a b".into() }));
        assert!(ok("[::1]:3000").is_ok() && ok("127.0.0.1:3000").is_ok() && ok("LOCALHOST:3000").is_ok());
        for other in ["evil.example:3000", "localhost:3001", "localhost", "[::1]", "x@localhost:3000", ":3000"] {
            assert_eq!(ok(other), Err(Refusal::Status(421, "Misdirected Request")), "{other}");
        }
        assert_eq!(head("GET / HTTP/1.1\r\n\r\n"), Err(Refusal::Status(400, "Bad Request")));
        let long = format!("GET / HTTP/1.1\r\nHost: localhost:3000\r\nX: {}\r\n\r\n", "a".repeat(MAX_LINE + 1));
        assert_eq!(head(&long), Err(Refusal::Status(431, "Request Header Fields Too Large")));
        assert_eq!(head("POST / HTTP/1.1\r\n\r\n"), Err(Refusal::Status(405, "Method Not Allowed")));
        assert_eq!(head("GET / HTTP/1.1\r\nHost: loc"), Err(Refusal::Gone));
    }

    // The server's own pages show markup as text.
    #[test]
    fn the_placeholder_escapes_the_title() {
        let page = placeholder("<script>x</script> & \"q\"");
        assert!(page.contains("&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;") && !page.contains("<script>"));
    }
}
