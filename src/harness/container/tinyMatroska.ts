/**
 * A tiny valid video file, made here rather than downloaded: a Matroska
 * file with one 16×16 Motion-JPEG track holding a single grey frame
 * (under 300 bytes). Enough for Plex's scanner and media analysis to see
 * a real one-frame video; the bytes are the same for every file.
 */

/** EBML variable-length size: the shortest encoding that fits. */
function vint(value: number): Buffer {
  for (let length = 1; length <= 8; length += 1) {
    if (value < 2 ** (7 * length) - 1) {
      const bytes = Buffer.alloc(length);
      let rest = value;
      for (let i = length - 1; i >= 0; i -= 1) {
        bytes[i] = rest & 0xff;
        rest = Math.floor(rest / 256);
      }
      bytes[0] = (bytes[0] as number) | (0x80 >> (length - 1));
      return bytes;
    }
  }
  throw new RangeError(`EBML size too large: ${value}`);
}

function element(id: number, payload: Buffer): Buffer {
  const idBytes = Buffer.from(
    id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, '0'),
    'hex',
  );
  return Buffer.concat([idBytes, vint(payload.length), payload]);
}

function uint(id: number, value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  do {
    bytes.unshift(rest & 0xff);
    rest = Math.floor(rest / 256);
  } while (rest > 0);
  return element(id, Buffer.from(bytes));
}

const text = (id: number, value: string) => element(id, Buffer.from(value, 'ascii'));
const float64 = (id: number, value: number) => {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleBE(value);
  return element(id, bytes);
};

/** A 16×16 baseline JPEG, mid-grey: one 4:0:0 component, all-zero DC/AC deltas. */
function greyJpeg(): Buffer {
  const soi = [0xff, 0xd8];
  const quant = [0xff, 0xdb, 0x00, 0x43, 0x00, ...Array<number>(64).fill(1)];
  const frame = [0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00];
  // DC table: one code of length 1 for category 0. AC table: one code of length 1 for EOB (0x00).
  const dc = [0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, ...Array<number>(15).fill(0), 0x00];
  const ac = [0xff, 0xc4, 0x00, 0x14, 0x10, 0x01, ...Array<number>(15).fill(0), 0x00];
  const scan = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00];
  // Four 8×8 blocks, each "DC diff 0, EOB": bits 0 0 per block → 8 zero bits, padded with ones.
  const data = [0x00, 0xff, 0x00];
  const eoi = [0xff, 0xd9];
  return Buffer.from([...soi, ...quant, ...frame, ...dc, ...ac, ...scan, ...data.slice(0, 1), ...eoi]);
}

let cached: Buffer | undefined;

export function tinyMatroska(): Buffer {
  if (cached !== undefined) return cached;
  const header = element(
    0x1a45dfa3,
    Buffer.concat([
      uint(0x4286, 1), // EBMLVersion
      uint(0x42f7, 1), // EBMLReadVersion
      uint(0x42f2, 4), // EBMLMaxIDLength
      uint(0x42f3, 8), // EBMLMaxSizeLength
      text(0x4282, 'matroska'), // DocType
      uint(0x4287, 4), // DocTypeVersion
      uint(0x4285, 2), // DocTypeReadVersion
    ]),
  );
  const info = element(
    0x1549a966,
    Buffer.concat([
      uint(0x2ad7b1, 1_000_000), // TimestampScale: 1 ms
      float64(0x4489, 1000), // Duration: 1 s
      text(0x4d80, 'plexmatch'), // MuxingApp
      text(0x5741, 'plexmatch'), // WritingApp
    ]),
  );
  const tracks = element(
    0x1654ae6b,
    element(
      0xae, // TrackEntry
      Buffer.concat([
        uint(0xd7, 1), // TrackNumber
        uint(0x73c5, 1), // TrackUID
        uint(0x83, 1), // TrackType: video
        text(0x86, 'V_MJPEG'), // CodecID
        uint(0x23e383, 1_000_000_000), // DefaultDuration: 1 frame per second
        element(0xe0, Buffer.concat([uint(0xb0, 16), uint(0xba, 16)])), // Video: 16×16
      ]),
    ),
  );
  const frame = greyJpeg();
  // SimpleBlock: track 1, timestamp 0, keyframe.
  const block = element(0xa3, Buffer.concat([vint(1), Buffer.from([0x00, 0x00, 0x80]), frame]));
  const cluster = element(0x1f43b675, Buffer.concat([uint(0xe7, 0), block]));
  const segment = element(0x18538067, Buffer.concat([info, tracks, cluster]));
  cached = Buffer.concat([header, segment]);
  return cached;
}
