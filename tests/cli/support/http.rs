//! A scripted HTTP/1.1 server on 127.0.0.1 for link-check tests: each
//! request is logged and answered by a handler that sees how many earlier
//! requests the same path had. Runs on plain threads; it lives as long as
//! the test process.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) user_agent: Option<String>,
    pub(crate) at: Instant,
}

pub(crate) enum Reply {
    /// Status, extra headers, body.
    Respond(u16, Vec<(String, String)>, Vec<u8>),
    /// Answer after a pause.
    After(Duration, Box<Reply>),
    /// Close the connection with a TCP reset, answering nothing.
    Reset,
}

impl Reply {
    pub(crate) fn status(status: u16) -> Self {
        Reply::Respond(status, Vec::new(), Vec::new())
    }

    pub(crate) fn redirect(status: u16, location: &str) -> Self {
        Reply::Respond(status, vec![("Location".into(), location.into())], Vec::new())
    }

    pub(crate) fn html(title: &str) -> Self {
        let body = format!(
            "<!doctype html><html><head><title>{title}</title></head><body><p>hello</p></body></html>"
        );
        Reply::Respond(
            200,
            vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
            body.into_bytes(),
        )
    }

    pub(crate) fn header(self, name: &str, value: &str) -> Self {
        match self {
            Reply::Respond(status, mut headers, body) => {
                headers.push((name.into(), value.into()));
                Reply::Respond(status, headers, body)
            }
            other => other,
        }
    }
}

type Handler = dyn Fn(&Request, usize) -> Reply + Send + Sync;

pub(crate) struct Server {
    pub(crate) addr: SocketAddr,
    log: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    pub(crate) fn start(handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let accept_log = Arc::clone(&log);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&accept_log);
                let handler = Arc::clone(&handler);
                std::thread::spawn(move || serve(stream, &log, &*handler));
            }
        });
        Self { addr, log }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub(crate) fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }

    /// Requests to `path`, as `METHOD` strings in order.
    pub(crate) fn methods(&self, path: &str) -> Vec<String> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .map(|r| r.method)
            .collect()
    }
}

/// Reads one request head without consuming it (so a reset can leave it
/// unread, which makes the kernel send RST), then returns its length.
fn peek_head(stream: &TcpStream) -> Option<(String, usize)> {
    let mut buf = vec![0u8; 8192];
    loop {
        let n = stream.peek(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        if let Some(end) = buf[..n].windows(4).position(|w| w == b"\r\n\r\n") {
            return Some((String::from_utf8_lossy(&buf[..end]).into_owned(), end + 4));
        }
        if n == buf.len() {
            return None;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn serve(mut stream: TcpStream, log: &Mutex<Vec<Request>>, handler: &Handler) {
    loop {
        let Some((head, len)) = peek_head(&stream) else {
            return;
        };
        let mut lines = head.lines();
        let mut first = lines.next().unwrap_or_default().split(' ');
        let method = first.next().unwrap_or_default().to_string();
        let path = first.next().unwrap_or_default().to_string();
        let user_agent = lines
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.eq_ignore_ascii_case("user-agent"))
            .map(|(_, v)| v.trim().to_string());
        let request = Request {
            method,
            path,
            user_agent,
            at: Instant::now(),
        };
        let nth = {
            let mut log = log.lock().unwrap();
            let nth = log.iter().filter(|r| r.path == request.path).count();
            log.push(request.clone());
            nth
        };
        let mut reply = handler(&request, nth);
        while let Reply::After(pause, next) = reply {
            std::thread::sleep(pause);
            reply = *next;
        }
        match reply {
            Reply::Reset => return, // dropped with the request unread: RST
            Reply::Respond(status, headers, body) => {
                let mut consumed = vec![0u8; len];
                if stream.read_exact(&mut consumed).is_err() {
                    return;
                }
                let mut out = format!("HTTP/1.1 {status} Status\r\nContent-Length: {}\r\n", body.len());
                for (name, value) in headers {
                    out.push_str(&format!("{name}: {value}\r\n"));
                }
                out.push_str("\r\n");
                let mut bytes = out.into_bytes();
                if request.method != "HEAD" {
                    bytes.extend_from_slice(&body);
                }
                if stream.write_all(&bytes).is_err() {
                    return;
                }
            }
            Reply::After(..) => unreachable!("unwrapped above"),
        }
    }
}

/// A response as a test client sees it.
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    /// Header names in lower case.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Response {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `GET path` over HTTP/1.0, the path sent exactly as given (client
/// libraries would normalize `..` and `%2F` away, which is what the tests
/// of path escapes must not do).
pub(crate) fn get(addr: SocketAddr, path: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

/// Opens `path` as an event stream and returns the reader after the
/// response head.
pub(crate) fn events(addr: SocketAddr, path: &str) -> std::io::BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("send");
    let mut reader = std::io::BufReader::new(stream);
    let mut line = String::new();
    while std::io::BufRead::read_line(&mut reader, &mut line).expect("head") > 2 {
        line.clear();
    }
    reader
}

/// The data of the next event named `name` on a stream from `events`
/// (chunked framing lines are skipped: only `event:` and `data:` count).
pub(crate) fn next_event(reader: &mut std::io::BufReader<TcpStream>, name: &str) -> String {
    let mut current = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            std::io::BufRead::read_line(reader, &mut line).expect("event") > 0,
            "stream ended"
        );
        if let Some(event) = line.trim_end().strip_prefix("event: ") {
            current = event.to_string();
        } else if let Some(data) = line.trim_end().strip_prefix("data: ")
            && current == name
        {
            return data.to_string();
        }
    }
}
