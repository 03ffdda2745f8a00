import type { Molam } from '@molam/sdk';
import { useQuery } from '@tanstack/react-query';
import { QueryView } from '../components/states.js';
import { Link } from '../router.js';

/** Where the merchant's events are delivered. */
export function Webhooks({ molam }: { molam: Molam }) {
  const endpoints = useQuery({
    queryKey: ['endpoints'],
    queryFn: async () => (await molam.webhookEndpoints.list({ limit: 100 })).data,
  });
  return (
    <section aria-labelledby="webhooks-title">
      <header className="page-header">
        <h2 id="webhooks-title">Webhooks</h2>
        <p className="muted">Endpoints receive your events, signed; each delivery keeps every attempt.</p>
      </header>
      <QueryView
        query={endpoints}
        what="endpoints"
        empty=" No endpoints yet: create one with the API, the SDK or `molam webhooks endpoints create`. "
        isEmpty={(data) => data.length === 0}
      >
        {(data) => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">URL</th>
                  <th scope="col">Status</th>
                  <th scope="col">Events</th>
                </tr>
              </thead>
              <tbody>
                {data.map((endpoint) => (
                  <tr key={endpoint.id}>
                    <td>
                      <Link to={{ page: 'webhook', id: endpoint.id }}>
                        {endpoint.description ?? endpoint.id}
                      </Link>
                    </td>
                    <td>{endpoint.url}</td>
                    <td>
                      <span className={`badge ${endpoint.status}`}>{endpoint.status}</span>
                    </td>
                    <td>{endpoint.enabled_events.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}
