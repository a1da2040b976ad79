package org.marketingsql.source.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.marketingsql.config.Secret;

/**
 * What {@link ApiHttpClient} sends in the {@code Authorization} header: a fixed token (Stripe,
 * HubSpot, Meta) or an access token obtained, and renewed, from an OAuth2 refresh token.
 */
public interface Credential {
  /** The access token to send now as {@code Authorization: Bearer …}, obtaining one first if needed. */
  Secret accessToken();

  /**
   * Called after the API answered 401: gets a new access token when this credential can.
   *
   * @return true when a new token was obtained and the call is worth one more try
   */
  boolean renew();

  /** Every value that must be masked should an API echo it back in an error body. */
  List<Secret> secrets();

  /** A token that never changes. */
  static Credential fixed(Secret token) {
    Objects.requireNonNull(token, "token");
    return new Credential() {
      @Override
      public Secret accessToken() {
        return token;
      }

      @Override
      public boolean renew() {
        return false;
      }

      @Override
      public List<Secret> secrets() {
        return List.of(token);
      }
    };
  }

  /** No credential, for public APIs (a central bank's rates): a call that asks for a token fails. */
  static Credential none() {
    return new Credential() {
      @Override
      public Secret accessToken() {
        throw new IllegalStateException("this API is called without a credential");
      }

      @Override
      public boolean renew() {
        return false;
      }

      @Override
      public List<Secret> secrets() {
        return List.of();
      }
    };
  }

  /**
   * {@code base}, with more values masked in error bodies: credentials an API takes in its own
   * headers (Google's and Microsoft's developer tokens) rather than in {@code Authorization}.
   */
  static Credential masking(Credential base, Secret... more) {
    Objects.requireNonNull(base, "base");
    List<Secret> extra = List.of(more);
    return new Credential() {
      @Override
      public Secret accessToken() {
        return base.accessToken();
      }

      @Override
      public boolean renew() {
        return base.renew();
      }

      @Override
      public List<Secret> secrets() {
        List<Secret> all = new ArrayList<>(base.secrets());
        all.addAll(extra);
        return all;
      }
    };
  }
}
