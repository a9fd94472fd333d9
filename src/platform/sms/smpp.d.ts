/**
 * The part of the `smpp` package (node-smpp, SMPP 3.4/5.0 client and server, MIT) that Kinga uses;
 * the package ships no types. Field names are the specification's.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** A decoded `short_message`: its text (or octets) and the user data header's elements. */
  export interface ShortMessage {
    message: string | Buffer;
    udh?: Buffer[];
  }

  /** One PDU; the parameters of its command are its own fields. */
  export interface Pdu {
    command: string;
    command_status: number;
    sequence_number: number;
    system_id?: string;
    password?: string;
    message_id?: string;
    source_addr?: string;
    destination_addr?: string;
    esm_class?: number;
    data_coding?: number;
    registered_delivery?: number;
    short_message?: ShortMessage | Buffer | string;
    receipted_message_id?: string;
    message_state?: number;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): Pdu;
  }

  /** One SMPP connection, either side. */
  export interface Session extends EventEmitter {
    /** The TCP (or TLS) socket under the session. */
    readonly socket: Socket;
    send(pdu: Pdu, responseCallback?: (response: Pdu) => void): boolean;
    bind_transceiver(options: Record<string, unknown>, callback: (response: Pdu) => void): void;
    submit_sm(options: Record<string, unknown>, callback: (response: Pdu) => void): void;
    deliver_sm(options: Record<string, unknown>, callback?: (response: Pdu) => void): void;
    enquire_link(options?: Record<string, unknown>, callback?: (response: Pdu) => void): void;
    unbind(options?: Record<string, unknown>, callback?: (response: Pdu) => void): void;
    pause(): void;
    resume(): void;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  /** An SMPP listener (the SMS centre's side), a `net.Server`. */
  export type Server = NetServer;

  export function connect(
    options: { url?: string; host?: string; port?: number; auto_enquire_link_period?: number; debug?: boolean },
    listener?: () => void,
  ): Session;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
  export function createServer(listener: (session: Session) => void): Server;
}
